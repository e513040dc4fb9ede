export declare const DEV_TOKEN_ENCRYPTION_KEY: string;
export declare function localVars(origin: string): Record<string, string>;
export declare function varArgs(vars: Record<string, string>): string[];
export declare const quietWranglerEnv: Record<string, string>;
