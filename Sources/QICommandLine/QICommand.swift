import ArgumentParser

public struct QICommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "qi")
    public init() {}
}
