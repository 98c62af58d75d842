import Compiler
import WAT

/// Runs `.wast` spec scripts through midimon's own front end.
///
/// The text format is not midimon's business: WasmKit's `WAT` module turns text modules into
/// binary, and every binary module then goes through ``ModuleParser`` and ``ModuleValidator``,
/// the same code `midimon validate` and the compiler use. A text module that the text parser
/// itself rejects counts for `assert_malformed` (the spec's text-format malformed cases), never
/// for `module` or `assert_invalid`.
///
/// Commands midimon cannot execute yet are counted as skipped, each kind with its reason.
public struct WastRunner {
    /// One failed command, located by file and line.
    public struct Failure: Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Totals over one or more scripts.
    public struct Report: Sendable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0
        public var failures: [Failure] = []
        /// Skipped commands by reason.
        public var skipReasons: [String: Int] = [:]
        /// `assert_malformed` cases decided by the text parser, not by midimon's binary parser.
        public var textMalformed = 0
        /// `assert_invalid` modules encoded by `wat2wasm --no-check` (see ``UncheckedEncoder``).
        public var uncheckedEncodings = 0

        public init() {}

        public mutating func merge(_ other: Report) {
            passed += other.passed
            failed += other.failed
            skipped += other.skipped
            failures += other.failures
            textMalformed += other.textMalformed
            uncheckedEncodings += other.uncheckedEncodings
            skipReasons.merge(other.skipReasons, uniquingKeysWith: +)
        }

        /// Exactly `N passed, M failed, K skipped`.
        public var summaryLine: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
    }

    /// Skip reasons, one per kind of command midimon does not run yet.
    enum SkipReason {
        static let execution = "executes code (assert_return/assert_trap/invoke/get): needs the compiler (issue 3)"
        static let exhaustion = "assert_exhaustion: needs the compiler and stack limits"
        static let linking = "module linking (register/assert_unlinkable/module instance): needs the runtime"
        static let exception = "assert_exception: exception handling is not part of WebAssembly 2.0"
    }

    public init() {}

    /// Runs one script; a script that cannot be read or parsed is one failure.
    public func run(path: String, source: String) -> Report {
        var report = Report()
        var script: WAST
        do {
            script = try parseWAST(source, features: .default)
        } catch {
            report.failed += 1
            report.failures.append(Failure(file: path, line: 0, message: "cannot parse script: \(error)"))
            return report
        }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        while let (result, location) = script.nextDirectiveResult() {
            let (line, column) = location.computeLineAndColumn()
            switch result {
            case .failure(let error):
                // A directive whose text does not parse. For assert_malformed that is the
                // expected outcome of a text-format case; anything else is a failure.
                let text = line - 1 < lines.count ? lines[line - 1].dropFirst(max(column - 1, 0)) : ""
                if text.hasPrefix("(assert_malformed") {
                    report.passed += 1
                    report.textMalformed += 1
                } else {
                    report.failed += 1
                    report.failures.append(Failure(file: path, line: line, message: "cannot parse command: \(error.error)"))
                }
            case .success(let directive):
                run(directive, file: path, line: line, into: &report) {
                    UncheckedEncoder.moduleText(in: lines, line: line, column: column).flatMap(UncheckedEncoder.encode)
                }
            }
        }
        return report
    }

    /// `uncheckedBinary` re-encodes the directive's module with wabt when WasmKit will not.
    private func run(
        _ directive: WASTDirective, file: String, line: Int, into report: inout Report,
        uncheckedBinary: () -> [UInt8]?
    ) {
        func fail(_ message: String) {
            report.failed += 1
            report.failures.append(Failure(file: file, line: line, message: message))
        }
        func skip(_ reason: String) {
            report.skipped += 1
            report.skipReasons[reason, default: 0] += 1
        }

        switch directive {
        case .module(let module):
            switch binary(of: module.source) {
            case .failure(let error):
                fail("text module does not convert to binary: \(error)")
            case .success(let bytes):
                do {
                    _ = try ModuleValidator.check(bytes)
                    report.passed += 1
                } catch {
                    fail("valid module rejected: \(error)")
                }
            }

        case .assertMalformed(let module, let message):
            switch binary(of: module.source) {
            case .failure:
                report.passed += 1
                report.textMalformed += 1
            case .success(let bytes):
                do {
                    _ = try ModuleValidator.check(bytes)
                    fail("malformed module accepted (expected \"\(message)\")")
                } catch where error.kind == .malformed {
                    report.passed += 1
                } catch {
                    fail("expected malformed (\"\(message)\"), got \(error.kind): \(error)")
                }
            }

        case .assertInvalid(let module, let message):
            var converted = binary(of: module.source)
            if case .failure = converted, let bytes = uncheckedBinary() {
                converted = .success(bytes)
                report.uncheckedEncodings += 1
            }
            switch converted {
            case .failure(let error):
                fail("invalid module's text does not convert to binary (expected \"\(message)\"): \(error)")
            case .success(let bytes):
                do {
                    _ = try ModuleValidator.check(bytes)
                    fail("invalid module accepted (expected \"\(message)\")")
                } catch where error.kind == .invalid {
                    report.passed += 1
                } catch {
                    fail("expected invalid (\"\(message)\"), got \(error.kind): \(error)")
                }
            }

        case .assertUnlinkable(let wat, _):
            // The module must be valid; linking it is the runtime's job, not done yet.
            let wat = wat
            do {
                _ = try ModuleValidator.check(try wat.encode())
                skip(SkipReason.linking)
            } catch {
                fail("module of assert_unlinkable should be valid: \(error)")
            }

        case .assertTrap(let execute, _), .assertReturn(let execute, _), .assertFuel(let execute, _), .assertOutOfFuel(let execute, _):
            if case .wat(let wat) = execute {
                // `assert_trap (module ...)`: the module must be valid; its start traps.
                do {
                    _ = try ModuleValidator.check(try wat.encode())
                } catch {
                    fail("module of assert_trap should be valid: \(error)")
                    return
                }
            }
            skip(SkipReason.execution)
        case .invoke:
            skip(SkipReason.execution)
        case .assertExhaustion:
            skip(SkipReason.exhaustion)
        case .register, .moduleInstance:
            skip(SkipReason.linking)
        case .assertException:
            skip(SkipReason.exception)
        }
    }

    private func binary(of source: ModuleSource) -> Result<[UInt8], WatParserError> {
        do {
            switch source {
            case .binary(let bytes):
                return .success(bytes)
            case .text(let wat):
                return .success(try wat.encode())
            case .quote(let text):
                let wat = try parseWAT(String(decoding: text, as: UTF8.self), features: .default)
                return .success(try wat.encode())
            }
        } catch {
            return .failure(error)
        }
    }

    /// Runs scripts and merges their reports.
    public func run(paths: [String], read: (String) throws -> String) -> Report {
        var total = Report()
        for path in paths {
            do {
                total.merge(run(path: path, source: try read(path)))
            } catch {
                total.failed += 1
                total.failures.append(Failure(file: path, line: 0, message: "cannot read: \(error)"))
            }
        }
        return total
    }
}
