export declare const CONSOLE_DIST: string;
export declare function firstLoadSize(
  dist?: string,
  base?: string,
): {
  files: { file: string; gzip: number }[];
  javascript: number;
};
