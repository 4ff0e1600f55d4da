import ArgumentParser

/// `qi demo`: the whole tool on the bundled data sets.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run QIKit on the bundled data sets and write the results to a folder.")

    @Option(help: "Folder for the results (created if missing).")
    var output: String = "qikit-demo"

    @Option(help: "Folder holding the bundled data sets (default: ./datasets).")
    var datasets: String = "datasets"

    func run() throws {
        try DemoRun(datasets: datasets, output: output).run()
    }
}
