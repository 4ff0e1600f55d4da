import QIParallel

/// Many charts at once, in parallel, with results in input order.
extension ControlChart {
    /// Computes one chart per series with the same options on `threads` workers (all cores by
    /// default). The output order is the input order and does not depend on the thread count.
    public static func computeAll(_ series: [[Subgroup]], options: ChartOptions,
                                  threads: Int = ProcessorCount.online) -> [Result<ControlChart, SPCError>] {
        ParallelMap.map(series, threads: threads) { subgroups in
            Result { () throws(SPCError) in try compute(subgroups, options: options) }
        }
    }
}
