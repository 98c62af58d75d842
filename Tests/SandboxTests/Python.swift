import Foundation
import Subprocess
import SystemPackage

/// Runs a Python script with bytes on standard input and returns what it printed.
enum Python {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ script: String, input: Data) async throws -> String {
        let result = try await Subprocess.run(
            .name("python3"), arguments: [script], input: .array(Array(input)),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard case .exited(0) = result.terminationStatus else {
            throw Failure(description: "python3 \(script) failed: \(result.standardError ?? "")")
        }
        return result.standardOutput ?? ""
    }
}
