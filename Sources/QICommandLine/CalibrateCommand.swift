import ArgumentParser

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calibrate",
        abstract: "Calibrate the Bass diffusion model.")
    @Argument(parsing: .allUnrecognized) var arguments: [String] = []
    func run() throws { throw CommandFailure.notYetAvailable(command: "calibrate") }
}
