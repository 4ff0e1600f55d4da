import ArgumentParser

// Commands whose issues have not landed: they parse nothing and exit 2 with a clear message,
// so scripts see the documented names today.

struct FactorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "factors",
        abstract: "The facilitator-factor analysis (not yet available).")
    @Argument(parsing: .allUnrecognized) var arguments: [String] = []
    func run() throws { throw CommandFailure.notYetAvailable(command: "factors") }
}
