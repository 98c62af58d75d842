import Compiler
import Runtime
import WAT

/// Runs `.wast` spec scripts through midimon.
///
/// The text format is not midimon's business: WasmKit's `WAT` module turns text modules into
/// binary, and every binary module then goes through ``ModuleParser`` and ``ModuleValidator``,
/// the same code `midimon validate` and the compiler use. A text module that the text parser
/// itself rejects counts for `assert_malformed` (the spec's text-format malformed cases), never
/// for `module` or `assert_invalid`.
///
/// In ``Mode/execute(_:)`` (what `midimon wast` and the spec tests use) every module is
/// compiled to a shared object, loaded and instantiated, and every action runs natively
/// (``WastSession``). ``Mode/frontEndOnly`` checks decoding and validation alone.
public struct WastRunner {
    public enum Mode: Sendable {
        case frontEndOnly
        case execute(CompileOptions)
    }

    /// One command, located by file and line.
    public struct Finding: Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public typealias Failure = Finding

    /// Totals over one or more scripts.
    public struct Report: Sendable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0
        public var failures: [Finding] = []
        /// Every skipped command with its reason.
        public var skips: [Finding] = []
        /// `assert_malformed` cases decided by the text parser, not by midimon's binary parser.
        public var textMalformed = 0
        /// `assert_invalid` modules encoded by `wat2wasm --no-check` (see ``UncheckedEncoder``).
        public var uncheckedEncodings = 0

        public init() {}

        /// Skipped commands by reason.
        public var skipReasons: [String: Int] {
            skips.reduce(into: [:]) { $0[$1.message, default: 0] += 1 }
        }

        public mutating func merge(_ other: Report) {
            passed += other.passed
            failed += other.failed
            skipped += other.skipped
            failures += other.failures
            skips += other.skips
            textMalformed += other.textMalformed
            uncheckedEncodings += other.uncheckedEncodings
        }

        /// Exactly `N passed, M failed, K skipped`.
        public var summaryLine: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
    }

    /// Skip reasons, one per kind of command midimon does not run.
    enum SkipReason {
        static let execution = "executes code (front-end-only mode)"
        static let linking = "module linking (front-end-only mode)"
        static let exception = "assert_exception: exception handling is not part of WebAssembly 2.0"
        static let fuel = "assert_fuel/assert_out_of_fuel: WasmKit's fuel directives are not part of the spec suite"
        static let simd = "SIMD (v128) values: SIMD is not supported yet"
    }

    public let mode: Mode

    public init(mode: Mode = .execute(CompileOptions())) {
        self.mode = mode
    }

    /// Runs one script; a script that cannot be read or parsed is one failure.
    public func run(path: String, source: String) -> Report {
        var report = Report()
        var script: WAST
        do {
            script = try parseWAST(source, features: .default)
        } catch {
            report.failed += 1
            report.failures.append(Finding(file: path, line: 0, message: "cannot parse script: \(error)"))
            return report
        }
        var session: WastSession?
        if case .execute(let options) = mode {
            do {
                session = try WastSession(options: options)
            } catch {
                report.failed += 1
                report.failures.append(Finding(file: path, line: 0, message: "cannot start: \(error)"))
                return report
            }
        }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        while let (result, location) = script.nextDirectiveResult() {
            let (line, column) = location.computeLineAndColumn()
            var command = Command(file: path, line: line, report: report)
            switch result {
            case .failure(let error):
                // A directive whose text does not parse. For assert_malformed that is the
                // expected outcome of a text-format case; anything else is a failure.
                let text = line - 1 < lines.count ? lines[line - 1].dropFirst(max(column - 1, 0)) : ""
                if text.hasPrefix("(assert_malformed") {
                    command.pass()
                    command.report.textMalformed += 1
                } else {
                    command.fail("cannot parse command: \(error.error)")
                }
            case .success(let directive):
                let unchecked = { UncheckedEncoder.moduleText(in: lines, line: line, column: column).flatMap(UncheckedEncoder.encode) }
                if let session {
                    command.execute(directive, in: session, uncheckedBinary: unchecked)
                } else {
                    command.check(directive, uncheckedBinary: unchecked)
                }
            }
            report = command.report
        }
        return report
    }

    /// Runs scripts and merges their reports.
    public func run(paths: [String], read: (String) throws -> String) -> Report {
        var total = Report()
        for path in paths {
            do {
                total.merge(run(path: path, source: try read(path)))
            } catch {
                total.failed += 1
                total.failures.append(Finding(file: path, line: 0, message: "cannot read: \(error)"))
            }
        }
        return total
    }
}

/// One directive being run: where it is, and the report it adds to.
struct Command {
    let file: String
    let line: Int
    var report: WastRunner.Report

    mutating func pass() { report.passed += 1 }

    mutating func fail(_ message: String) {
        report.failed += 1
        report.failures.append(WastRunner.Finding(file: file, line: line, message: message))
    }

    mutating func skip(_ reason: String) {
        report.skipped += 1
        report.skips.append(WastRunner.Finding(file: file, line: line, message: reason))
    }

    static func binary(of source: ModuleSource) -> Result<[UInt8], WatParserError> {
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

    // MARK: - Decoding and validation (both modes)

    mutating func checkMalformed(_ module: ModuleDirective, _ message: String) {
        switch Self.binary(of: module.source) {
        case .failure:
            pass()
            report.textMalformed += 1
        case .success(let bytes):
            do {
                _ = try ModuleValidator.check(bytes)
                fail("malformed module accepted (expected \"\(message)\")")
            } catch where error.kind == .malformed {
                pass()
            } catch {
                fail("expected malformed (\"\(message)\"), got \(error.kind): \(error)")
            }
        }
    }

    /// `uncheckedBinary` re-encodes the directive's module with wabt when WasmKit will not.
    mutating func checkInvalid(_ module: ModuleDirective, _ message: String, uncheckedBinary: () -> [UInt8]?) {
        var converted = Self.binary(of: module.source)
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
                pass()
            } catch {
                fail("expected invalid (\"\(message)\"), got \(error.kind): \(error)")
            }
        }
    }

    /// Front-end-only mode: modules must validate; everything that runs code is skipped.
    mutating func check(_ directive: WASTDirective, uncheckedBinary: () -> [UInt8]?) {
        func validates(_ wat: Wat, _ what: String) -> Bool {
            var wat = wat
            do {
                _ = try ModuleValidator.check(try wat.encode())
                return true
            } catch {
                fail("module of \(what) should be valid: \(error)")
                return false
            }
        }
        switch directive {
        case .module(let module):
            switch Self.binary(of: module.source) {
            case .failure(let error):
                fail("text module does not convert to binary: \(error)")
            case .success(let bytes):
                do {
                    _ = try ModuleValidator.check(bytes)
                    pass()
                } catch {
                    fail("valid module rejected: \(error)")
                }
            }
        case .assertMalformed(let module, let message):
            checkMalformed(module, message)
        case .assertInvalid(let module, let message):
            checkInvalid(module, message, uncheckedBinary: uncheckedBinary)
        case .assertUnlinkable(let wat, _):
            if validates(wat, "assert_unlinkable") { skip(WastRunner.SkipReason.linking) }
        case .assertTrap(.wat(let wat), _):
            if validates(wat, "assert_trap") { skip(WastRunner.SkipReason.execution) }
        case .assertTrap, .assertReturn, .invoke, .assertExhaustion:
            skip(WastRunner.SkipReason.execution)
        case .assertFuel, .assertOutOfFuel:
            skip(WastRunner.SkipReason.fuel)
        case .register, .moduleInstance:
            skip(WastRunner.SkipReason.linking)
        case .assertException:
            skip(WastRunner.SkipReason.exception)
        }
    }
}
