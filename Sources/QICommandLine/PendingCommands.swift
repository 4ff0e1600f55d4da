import ArgumentParser

// Commands whose issues have not landed: they parse nothing and exit 2 with a clear message,
// so scripts see the documented names today.

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fit",
        abstract: "Regression across project outcomes (not yet available).")
    @Argument(parsing: .allUnrecognized) var arguments: [String] = []
    func run() throws { throw CommandFailure.notYetAvailable(command: "fit") }
}

struct FactorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "factors",
        abstract: "The facilitator-factor analysis (not yet available).")
    @Argument(parsing: .allUnrecognized) var arguments: [String] = []
    func run() throws { throw CommandFailure.notYetAvailable(command: "factors") }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report",
        abstract: "SVG charts and a self-contained HTML report (not yet available).")
    @Argument(parsing: .allUnrecognized) var arguments: [String] = []
    func run() throws { throw CommandFailure.notYetAvailable(command: "report") }
}
