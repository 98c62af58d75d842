import Glibc
import MappingConfig
import MappingEngine
import PluginHost

/// Builds the engine from the files on disk: the mapping config, the plugins folder, the
/// grants. midimond uses it at start-up and again for every reload (file change or
/// `midimon daemon reload`), off the real-time thread; a build that fails changes nothing.
public struct EngineBuilder: Sendable {
    public var configPath: String
    /// The outputs' names, in `--output` order (fixed for the daemon's life).
    public var outputs: [String]
    public var pluginsDirectory: String
    /// A fresh loader per build, so a reload sees grants and trusted keys as they are now.
    public var makeLoader: @Sendable () throws(PluginError) -> PluginHostLoader
    public var faultLimit: Int
    public var eventDeadline: Duration?
    public let workers: DaemonWorkers

    public init(configPath: String, outputs: [String], pluginsDirectory: String, faultLimit: Int, eventDeadline: Duration?,
                workers: DaemonWorkers, makeLoader: @escaping @Sendable () throws(PluginError) -> PluginHostLoader) {
        self.configPath = configPath
        self.outputs = outputs
        self.pluginsDirectory = pluginsDirectory
        self.faultLimit = faultLimit
        self.eventDeadline = eventDeadline
        self.workers = workers
        self.makeLoader = makeLoader
    }

    /// A built engine, its plugins, and the config's warnings (`FILE:LINE: warning: …`).
    public struct Built {
        public var engine: MappingEngine<HostDispatcher>
        public var table: PluginTable
        public var warnings: [String]
        public var mappings: Int
    }

    /// Reads the config and loads every plugin it calls. Errors are complete lines
    /// (`FILE:LINE: error: path: message`), one per problem.
    public func build() -> Result<Built, DaemonError> {
        let configuration: MappingConfiguration
        var warnings: [String] = []
        do {
            let (loaded, found) = try MappingConfiguration.load(path: configPath)
            warnings = found.map { $0.formatted(file: configPath) }
            configuration = loaded
        } catch {
            return .failure(DaemonError(error.diagnostics.map { $0.formatted(file: configPath) }))
        }
        let loader: PluginHostLoader
        do {
            loader = try makeLoader()
        } catch {
            return .failure(DaemonError(["\(error)"]))
        }
        let table = PluginTable(loader: loader, discovery: Discovery.scan(pluginsDirectory), faultLimit: faultLimit, eventDeadline: eventDeadline)
        do {
            let engine = try MappingEngine(config: configuration, outputs: outputs, dispatch: HostDispatcher(table: table, workers: workers))
            let mappings = configuration.globalMappings.count + configuration.modes.reduce(0) { $0 + $1.mappings.count }
            return .success(Built(engine: engine, table: table, warnings: warnings, mappings: mappings))
        } catch {
            return .failure(DaemonError(error.diagnostics.map { $0.formatted(file: configPath) }))
        }
    }

    /// The files whose change means a reload: the config, and each plugin's manifest and module
    /// (and the grants, when given).
    public func watchedFiles(grantsFile: String?) -> [String] {
        var files = [configPath]
        if let grantsFile { files.append(grantsFile) }
        for manifest in Discovery.scan(pluginsDirectory).plugins {
            files.append(manifest.path)
            files.append(manifest.modulePath)
        }
        return files
    }
}

/// What a set of files looks like now (inode, size, modification time), to notice changes
/// by polling: simple, and it works on every file system (inotify misses some).
public struct FileSnapshot: Equatable, Sendable {
    private var entries: [String: [Int]]

    public init(_ paths: [String]) {
        var entries: [String: [Int]] = [:]
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0 {
                entries[path] = [Int(info.st_ino), Int(info.st_size), info.st_mtim.tv_sec, info.st_mtim.tv_nsec]
            } else {
                entries[path] = []
            }
        }
        self.entries = entries
    }
}
