import ArgumentParser

// Commands whose issues have not landed: they parse nothing and exit 2 with a clear message,
// so scripts see the documented names today.

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate",
        abstract: "Monte Carlo model of programme spread and sustainability (not yet available).")
    @Argument(parsing: .allUnrecognized) var arguments: [String] = []
    func run() throws { throw CommandFailure.notYetAvailable(command: "simulate") }
}

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calibrate",
        abstract: "Calibrate the Bass diffusion model (not yet available).")
    @Argument(parsing: .allUnrecognized) var arguments: [String] = []
    func run() throws { throw CommandFailure.notYetAvailable(command: "calibrate") }
}
