export declare const CONSOLE_DIST: string;
export declare function firstLoadSize(dist?: string): {
  files: { file: string; gzip: number }[];
  javascript: number;
};
