import ArgumentParser
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample", abstract: "Generate the synthetic sample city (placeholder until merged).")
}
