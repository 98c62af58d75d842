import ArgumentParser
import Foundation

/// Reading input files with errors that name the file.
enum FileInput {
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): cannot read: \(reason)" }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ReadError(path: path, reason: "is a directory") }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw ReadError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// The file's bytes, or its error printed as `FILE: cannot read: why` and exit status 1
    /// (not ArgumentParser's `Error: ...` form).
    static func bytesOrExit(_ path: String) throws -> [UInt8] {
        do {
            return try bytes(path)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    /// Writes one line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
