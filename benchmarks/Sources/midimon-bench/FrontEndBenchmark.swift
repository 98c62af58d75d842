import Compiler
import WasmTestSupport

/// Parse + validate of the generated 2 MB module (`SyntheticModule.large()`, 2,000 functions):
/// issue 2's target is under 100 ms in a release build.
enum FrontEndBenchmark {
    static func run() {
        let bytes = SyntheticModule.large()
        var parse = Samples()
        var both = Samples()
        var operators = 0
        for _ in 0..<3 { _ = try? ModuleValidator.check(bytes) }  // warm-up
        for _ in 0..<21 {
            var module: WasmModule?
            try! parse.measure { module = try ModuleParser.parse(bytes) }
            _ = module
            try! both.measure { operators = try ModuleValidator.check(bytes).1.instructionCount }
        }
        print("frontend: module of \(bytes.count) bytes, \(operators) operators")
        print(parse.report("frontend parse"))
        print(both.report("frontend parse+validate"))
        let perMB = both.median / (Double(bytes.count) / 1e6)
        print(String(describing: "frontend throughput: \(Int(1e9 / perMB)) MB/s"))
    }
}
