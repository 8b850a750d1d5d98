export declare function binEntry(pkg: string, bin?: string): string
export declare function nodeTool(pkg: string, args: string[], bin?: string): [string, string[]]
export declare function npxTool(args: string[]): [string, string[]]
