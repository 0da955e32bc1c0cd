/** Builds `root`/dist (the console's by default) when missing or older than its sources; true when it built. */
export declare function buildIfStale(root?: string): Promise<boolean>;
