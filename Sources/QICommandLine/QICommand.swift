import ArgumentParser

/// The `qi` command: quality improvement analytics for general practice.
public struct QICommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "qi",
        abstract: "Statistical process control, regression and simulation for quality improvement in general practice.",
        discussion: """
            Exit codes: 0 success; 1 bad input data; 2 bad usage; 3 a computation that could \
            not be completed. Errors go to standard error; on failure standard output is empty.
            """,
        version: version,
        subcommands: [SPCCommand.self, FunnelCommand.self, FitCommand.self, FactorsCommand.self,
                      SimulateCommand.self, CalibrateCommand.self, ReportCommand.self,
                      DemoCommand.self])

    public init() {}
}
