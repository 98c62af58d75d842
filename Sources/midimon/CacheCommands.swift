import ArgumentParser
import ArtifactCache
import Foundation

/// `--cache-dir`, shared by every command that uses the cache.
struct CacheDirectoryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The cache folder (default: MIDIMON_CACHE_DIR, else the checkout's cache/ inside a midimon checkout, else $XDG_CACHE_HOME/midimon or ~/.cache/midimon).",
        valueName: "dir"))
    var cacheDir: String?

    var location: CacheLocation { CacheLocation.resolve(explicit: cacheDir) }
    func open() -> ArtifactCache { ArtifactCache(location: location) }
}

/// `midimon cache ls | verify | gc | clear`.
struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, verify, trim or clear the cache of compiled plugins.",
        discussion: "The layout and format are described in cache/README.md.",
        subcommands: [List.self, Verify.self, GarbageCollect.self, Clear.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ls",
            abstract: "List the entries, most recently used first: key, plugin, size, age, last use, code options."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var directory: CacheDirectoryOption

        func run() throws {
            _ = global.bootstrapLogging()
            let cache = directory.open()
            print("cache: \(cache.location)")
            guard (try? cache.checkReadable()) != nil else {
                print("no cache folder yet")
                return
            }
            let entries = cache.list()
            let now = Date().timeIntervalSince1970
            var rows = [["KEY", "PLUGIN", "SIZE", "AGE", "USED", "OPTIONS"]]
            for entry in entries {
                let metadata = entry.metadata
                let plugin = entry.problem.map { "(damaged: \($0))" } ?? metadata?.plugin ?? "-"
                var options = metadata.map { "\($0.inputs.code)" } ?? "-"
                if metadata != nil && !entry.isCurrent { options += " (other midimon, ABI or machine)" }
                rows.append([
                    String(entry.key.prefix(12)), plugin, Size.format(entry.size),
                    metadata.map { Age.format(now - Double($0.createdAt)) } ?? "-",
                    Age.format(now - entry.lastUsed) + " ago", options,
                ])
            }
            if entries.isEmpty {
                print("no entries")
            } else {
                print(Table.render(rows), terminator: "")
                print("\(entries.count) entr\(entries.count == 1 ? "y" : "ies"), \(Size.format(entries.reduce(0) { $0 + $1.size }))")
            }
            for name in cache.foreignNames() { print("foreign file, ignored: \(cache.entriesPath)/\(name)") }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-hash every entry; move bad ones to the quarantine folder.",
            discussion: "Exit status 1 when any entry was bad."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var directory: CacheDirectoryOption

        func run() throws {
            _ = global.bootstrapLogging()
            let cache = directory.open()
            do {
                try cache.checkReadable()
            } catch {
                FileInput.printError("\(error)")
                throw ExitCode.failure
            }
            let report = cache.verifyAll()
            for entry in report.valid.sorted(by: { $0.key < $1.key }) {
                print("ok   \(entry.key.prefix(12))  \(entry.metadata.plugin ?? "-")")
            }
            for bad in report.rejected {
                print("BAD  \(bad.key.prefix(12))  \(bad.error)")
            }
            for name in report.foreign { print("foreign file, ignored: \(cache.entriesPath)/\(name)") }
            let total = report.valid.count + report.rejected.count
            print("\(total) entr\(total == 1 ? "y" : "ies"): \(report.valid.count) ok, \(report.rejected.count) bad")
            if !report.rejected.isEmpty { throw ExitCode.failure }
        }
    }

    struct GarbageCollect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc",
            abstract: "Remove least recently used entries until the cache fits in SIZE.",
            discussion: "Also empties the quarantine and removes staging folders abandoned over an hour ago. SIZE is bytes, or a number with K, M or G (powers of 1024)."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var directory: CacheDirectoryOption

        @Option(name: .long, help: ArgumentHelp("The largest the cache may stay, e.g. 500M.", valueName: "size"))
        var maxSize: String

        func run() throws {
            _ = global.bootstrapLogging()
            guard let limit = Size.parse(maxSize) else {
                throw ValidationError("--max-size: '\(maxSize)' is not a size (e.g. 1048576, 100K, 500M, 2G)")
            }
            let cache = directory.open()
            do {
                let report = try cache.collectGarbage(maxSize: limit)
                print("removed \(report.removedEntries.count) entr\(report.removedEntries.count == 1 ? "y" : "ies"), freed \(Size.format(report.freedBytes)); the cache holds \(Size.format(report.remainingBytes))")
                for key in report.busy { print("busy (being compiled), kept: \(key.prefix(12))") }
            } catch {
                FileInput.printError("\(error)")
                throw ExitCode.failure
            }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove every entry, the quarantine and the toolchain records.",
            discussion: "Files the cache did not write are left alone."
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var directory: CacheDirectoryOption

        func run() throws {
            _ = global.bootstrapLogging()
            let cache = directory.open()
            do {
                let report = try cache.clear()
                print("removed \(report.removedEntries.count) entr\(report.removedEntries.count == 1 ? "y" : "ies"), freed \(Size.format(report.freedBytes))")
                for key in report.busy { print("busy (being compiled), kept: \(key.prefix(12))") }
            } catch {
                FileInput.printError("\(error)")
                throw ExitCode.failure
            }
        }
    }
}

/// Byte counts for people: `18.2 KB`, and `--max-size` values.
enum Size {
    static func format(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : "\(String(format: "%.1f", value)) \(units[unit])"
    }

    /// `123`, `100K`, `500M`, `2G` (also `KB`, `MiB`…; powers of 1024).
    static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let number = Double(digits), number >= 0 else { return nil }
        let (k, m, g, t): (Double, Double, Double, Double) = (1024, 1024 * 1024, 1024 * 1024 * 1024, 1024 * 1024 * 1024 * 1024)
        let multipliers: [String: Double] = [
            "": 1, "B": 1, "K": k, "KB": k, "KIB": k, "M": m, "MB": m, "MIB": m,
            "G": g, "GB": g, "GIB": g, "T": t, "TB": t, "TIB": t,
        ]
        guard let multiplier = multipliers[String(trimmed.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces)] else { return nil }
        let bytes = number * multiplier
        return bytes < Double(Int.max) ? Int(bytes) : nil
    }
}

/// Durations for people: `12 s`, `5 min`, `3 h`, `2 d`.
enum Age {
    static func format(_ seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(Int(s)) s" }
        if s < 3600 { return "\(Int(s / 60)) min" }
        if s < 86400 { return "\(Int(s / 3600)) h" }
        return "\(Int(s / 86400)) d"
    }
}

/// Left-aligned columns separated by two spaces.
enum Table {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        var text = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                line += column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            text += line + "\n"
        }
        return text
    }
}
