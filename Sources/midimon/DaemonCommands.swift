import ArgumentParser
import DaemonCore

/// `midimon daemon status|reload|stop|list-plugins`: talks to a running midimond through
/// its control socket.
struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Talk to a running midimond through its control socket.",
        subcommands: [Status.self, Reload.self, Stop.self, ListPlugins.self]
    )

    struct SocketOption: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The control socket (default: $XDG_RUNTIME_DIR/midimond.sock, else /tmp/midimond-UID.sock; midimond --control sets it).", valueName: "path"))
        var socket: String?

        /// Sends `command` and prints the answer; a refusal or no daemon is exit status 1.
        func send(_ command: String) throws {
            switch ControlClient.send(command, path: socket ?? ControlProtocol.defaultPath()) {
            case .success(let text):
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            case .failure(let error):
                FileInput.printError("midimon daemon \(command): \(error)")
                throw ExitCode.failure
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon's state and live latency: latency p50=…us p99=…us p999=…us max=…us events=N dropped=N.")
        @OptionGroup var socket: SocketOption
        func run() throws { try socket.send("status") }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reload the config and plugins; on an error the running config stays (exit status 1).")
        @OptionGroup var socket: SocketOption
        func run() throws { try socket.send("reload") }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the daemon cleanly (outputs flushed).")
        @OptionGroup var socket: SocketOption
        func run() throws { try socket.send("stop") }
    }

    struct ListPlugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list-plugins",
            abstract: "The plugins the running config loaded: ABI, enabled or disabled, calls, faults, errors.")
        @OptionGroup var socket: SocketOption
        func run() throws { try socket.send("list-plugins") }
    }
}
