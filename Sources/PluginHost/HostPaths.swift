import Foundation

/// Where the plugin host keeps its files, each overridable by an option and an environment
/// variable (option first), else under `~/.config/midimon`:
///
/// | file | option | variable | default |
/// | --- | --- | --- | --- |
/// | plugins folder | `--plugins-dir` | `MIDIMON_PLUGINS_DIR` | `~/.config/midimon/plugins` |
/// | grants | `--grants-file` | `MIDIMON_GRANTS_FILE` | `~/.config/midimon/grants.toml` |
/// | trusted keys | `--trusted-keys` | `MIDIMON_TRUSTED_KEYS` | `~/.config/midimon/trusted-keys` |
public struct HostPaths: Sendable, Equatable {
    public var pluginsDirectory: String
    public var grantsFile: String
    public var trustedKeysFile: String

    public init(pluginsDirectory: String, grantsFile: String, trustedKeysFile: String) {
        self.pluginsDirectory = pluginsDirectory
        self.grantsFile = grantsFile
        self.trustedKeysFile = trustedKeysFile
    }

    /// Options win over the environment, which wins over the defaults.
    public static func resolve(pluginsDirectory: String? = nil, grantsFile: String? = nil, trustedKeysFile: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> HostPaths {
        let config = configDirectory(environment)
        func pick(_ option: String?, _ variable: String, _ fallback: String) -> String {
            if let option, !option.isEmpty { return option }
            if let value = environment[variable], !value.isEmpty { return value }
            return fallback
        }
        return HostPaths(
            pluginsDirectory: pick(pluginsDirectory, "MIDIMON_PLUGINS_DIR", "\(config)/plugins"),
            grantsFile: pick(grantsFile, "MIDIMON_GRANTS_FILE", "\(config)/grants.toml"),
            trustedKeysFile: pick(trustedKeysFile, "MIDIMON_TRUSTED_KEYS", "\(config)/trusted-keys"))
    }

    /// `$XDG_CONFIG_HOME/midimon`, else `$HOME/.config/midimon`.
    static func configDirectory(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return "\(xdg)/midimon" }
        return "\(environment["HOME"] ?? NSHomeDirectory())/.config/midimon"
    }
}
