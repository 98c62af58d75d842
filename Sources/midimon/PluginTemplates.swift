import ArgumentParser
import Foundation
import PluginHost

/// `midimon plugin new NAME --lang c|wat [--abi json|event]`: a folder in the plugins folder
/// with a manifest, a source that builds as it is (`midimon plugin build NAME`) and a README.
struct PluginNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a plugin skeleton that builds and runs: plugin.toml, a C or WAT source, README.md.")

    enum Language: String, ExpressibleByArgument, CaseIterable { case c, wat }
    enum ABI: String, ExpressibleByArgument, CaseIterable { case json, event }

    @OptionGroup var paths: PluginPathOptions
    @Argument(help: "The plugin's name (letters, digits, - and _).") var name: String
    @Option(name: .long, help: "The source language: c or wat.") var lang: Language
    @Option(name: .long, help: "The ABI: json (MIDIMon-compatible actions) or event (the MIDI hot path).") var abi: ABI = .json

    func run() throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ValidationError("a plugin name holds letters, digits, - and _ only")
        }
        let folder = "\(paths.paths.pluginsDirectory)/\(name)"
        guard !FileManager.default.fileExists(atPath: folder) else {
            FileInput.printError("midimon: \(folder) exists; not overwritten")
            throw ExitCode.failure
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let template = PluginTemplate(name: name, lang: lang, abi: abi)
        for (file, text) in template.files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(file)"))
        }
        print("created \(folder)")
        print("next: midimon plugin build \(name)\(paths.pluginsDir.map { " --plugins-dir \($0)" } ?? "")")
    }
}

/// The skeletons' text.
struct PluginTemplate {
    let name: String
    let lang: PluginNew.Language
    let abi: PluginNew.ABI

    var files: [(String, String)] {
        [("plugin.toml", manifest), ("\(name).\(lang.rawValue)", source), ("README.md", readme)]
    }

    var manifest: String {
        let actions = abi == .json ? """

            [[actions]]
            name = "hello"
            description = "Logs the request it was given"
            parameters = [{ name = "who", type = "string", description = "Whom to greet" }]

            """ : ""
        return """
            [plugin]
            name = "\(name)"
            version = "0.1.0"
            description = "A new midimon plugin"
            author = "you"
            license = "MIT"
            type = "wasm"
            entry_point = "\(name).wasm"
            capabilities = []
            abi = "\(abi.rawValue)"
            \(actions)
            """
    }

    var readme: String {
        let run = abi == .json
            ? "    midimon plugin exec \(name) --action hello --param who=world --velocity 100"
            : "    midimon plugin info \(name)    # the daemon calls midimon_on_event for each routed event"
        return """
            # \(name)

            A midimon plugin (\(abi == .json ? "JSON ABI, compatible with MIDIMon" : "event ABI v1")) written in \(lang == .c ? "C" : "WAT").
            The ABI is described in midimon's docs/plugin-abi.md.

            ## Build and run

                midimon plugin build \(name)    # \(lang == .c ? "clang-19 --target=wasm32-wasi -O2 (flags: the source's Build flags line)" : "wat2wasm")
            \(run)

            Pin the module in `plugin.toml` with `sha256 = "..."` (printed by `plugin build`, which
            keeps it current), and sign it with `midimon plugin sign \(name) --key KEY` (keys come
            from `midimon plugin keygen`).

            """
    }

    var source: String {
        switch (lang, abi) {
        case (.c, .json): cJSON
        case (.c, .event): cEvent
        case (.wat, .json): watJSON
        case (.wat, .event): watEvent
        }
    }

    private var metadata: String {
        #"{"name":"\#(name)","version":"0.1.0","description":"A new midimon plugin","author":"you","license":"MIT","type":"action","actions":[{"name":"hello","description":"Logs the request","parameters":[]}],"capabilities":[]}"#
    }

    private var cJSON: String {
        let escaped = metadata.replacingOccurrences(of: "\"", with: "\\\"")
        return """
            /* \(name): a midimon plugin, JSON ABI (MIDIMon compatible): exports memory, alloc, init,
             * execute and dealloc. execute logs the request it gets and returns 0 (success).
             * Build flags: -nostdlib -Wl,--no-entry
             */
            #include <stdint.h>

            #define EXPORT(name) __attribute__((export_name(#name)))

            /* midimon's log: level 0 error, 1 warning, 2 info, 3 debug. */
            __attribute__((import_module("midimon"), import_name("log")))
            void midimon_log(int32_t level, const char *text, int32_t length);

            static const char METADATA[] = "\(escaped)";

            /* One request at a time: a bump allocator that dealloc resets. */
            static unsigned char heap[64 * 1024];
            static uint32_t used;

            EXPORT(alloc) int32_t alloc(int32_t length) {
                if (length < 0 || used + (uint32_t)length > sizeof heap) return 0;
                unsigned char *p = heap + used;
                used += ((uint32_t)length + 7u) & ~7u;
                return (int32_t)(uintptr_t)p;
            }

            EXPORT(dealloc) void dealloc(int32_t pointer, int32_t length) {
                (void)pointer; (void)length;
                used = 0;
            }

            EXPORT(init) int64_t init(void) {
                return (int64_t)(uintptr_t)METADATA << 32 | (int64_t)(sizeof METADATA - 1);
            }

            EXPORT(execute) int32_t execute(int32_t pointer, int32_t length) {
                midimon_log(2, (const char *)(uintptr_t)pointer, length);
                return 0;
            }

            """
    }

    private var cEvent: String {
        """
        /* \(name): a midimon plugin, event ABI v1: note-on and note-off an octave up (others pass).
         * Build flags: -nostdlib -Wl,--no-entry
         */
        #include <stdint.h>

        #define EXPORT(name) __attribute__((export_name(#name)))

        /* As plugins/sdk/midimon.h declares it. */
        __attribute__((import_module("midimon"), import_name("emit")))
        int32_t midimon_emit(uint32_t message, int32_t delay_us);

        EXPORT(midimon_event_abi_version) int32_t midimon_event_abi_version(void) { return 1; }

        EXPORT(midimon_on_event) int32_t midimon_on_event(uint32_t message, int64_t timestamp_us) {
            (void)timestamp_us;
            uint32_t type = message & 0xF0, note = (message >> 8) & 0x7F;
            if ((type != 0x80 && type != 0x90) || note + 12 > 127) return 1; /* MIDIMON_PASS */
            midimon_emit((message & ~0xFF00u) | (note + 12) << 8, 0);
            return 0;
        }

        """
    }

    private var watJSON: String {
        let escaped = metadata.replacingOccurrences(of: "\"", with: "\\\"")
        return """
            ;; \(name): a midimon plugin, JSON ABI (MIDIMon compatible): exports memory, alloc, init,
            ;; execute. execute logs the request it gets and returns 0 (success).
            (module
              (import "midimon" "log" (func $log (param i32 i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "\(escaped)")
              ;; One request at a time, always at 1024.
              (func (export "alloc") (param $length i32) (result i32) (i32.const 1024))
              (func (export "init") (result i64)
                (i64.or (i64.shl (i64.const 16) (i64.const 32)) (i64.const \(metadata.utf8.count))))
              (func (export "execute") (param $pointer i32) (param $length i32) (result i32)
                (call $log (i32.const 2) (local.get $pointer) (local.get $length))
                (i32.const 0)))

            """
    }

    private var watEvent: String {
        """
        ;; \(name): a midimon plugin, event ABI v1: note-on and note-off an octave up (others pass).
        (module
          (import "midimon" "emit" (func $emit (param i32 i32) (result i32)))
          (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
          (func (export "midimon_on_event") (param $message i32) (param $time i64) (result i32)
            (local $type i32) (local $note i32)
            (local.set $type (i32.and (local.get $message) (i32.const 0xF0)))
            (local.set $note (i32.and (i32.shr_u (local.get $message) (i32.const 8)) (i32.const 0x7F)))
            (if (i32.or (i32.and (i32.ne (local.get $type) (i32.const 0x80)) (i32.ne (local.get $type) (i32.const 0x90)))
                        (i32.gt_u (i32.add (local.get $note) (i32.const 12)) (i32.const 127)))
              (then (return (i32.const 1))))
            (drop (call $emit (i32.add (local.get $message) (i32.const 0x0C00)) (i32.const 0)))
            (i32.const 0)))

        """
    }
}
