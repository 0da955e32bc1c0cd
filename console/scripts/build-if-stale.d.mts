/** Builds console/dist when missing or older than its sources; true when it built. */
export declare function buildIfStale(): Promise<boolean>;
