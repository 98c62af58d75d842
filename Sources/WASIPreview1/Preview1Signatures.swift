import FrontEnd

/// Every function of `wasi_snapshot_preview1`, with its core WebAssembly type, as
/// `wasi_snapshot_preview1.witx` lowers it (pointers and sizes are i32; 64-bit values such as
/// timestamps, offsets and rights are i64; every function but `proc_exit` returns an errno).
///
/// One list: ``WASIContext/define(into:)`` defines each name, with its implementation when
/// there is one and an `ENOSYS` stub otherwise, so that any module built against preview 1
/// links whatever it imports.
enum Preview1 {
    static let moduleName = "wasi_snapshot_preview1"

    /// Parameter kinds in the order the witx lowering passes them: `I` is i32, `L` is i64.
    static let signatures: [(name: String, parameters: String)] = [
        ("args_get", "II"),
        ("args_sizes_get", "II"),
        ("environ_get", "II"),
        ("environ_sizes_get", "II"),
        ("clock_res_get", "II"),
        ("clock_time_get", "ILI"),
        ("fd_advise", "ILLI"),
        ("fd_allocate", "ILL"),
        ("fd_close", "I"),
        ("fd_datasync", "I"),
        ("fd_fdstat_get", "II"),
        ("fd_fdstat_set_flags", "II"),
        ("fd_fdstat_set_rights", "ILL"),
        ("fd_filestat_get", "II"),
        ("fd_filestat_set_size", "IL"),
        ("fd_filestat_set_times", "ILLI"),
        ("fd_pread", "IIILI"),
        ("fd_prestat_get", "II"),
        ("fd_prestat_dir_name", "III"),
        ("fd_pwrite", "IIILI"),
        ("fd_read", "IIII"),
        ("fd_readdir", "IIILI"),
        ("fd_renumber", "II"),
        ("fd_seek", "ILII"),
        ("fd_sync", "I"),
        ("fd_tell", "II"),
        ("fd_write", "IIII"),
        ("path_create_directory", "III"),
        ("path_filestat_get", "IIIII"),
        ("path_filestat_set_times", "IIIILLI"),
        ("path_link", "IIIIIII"),
        ("path_open", "IIIIILLII"),
        ("path_readlink", "IIIIII"),
        ("path_remove_directory", "III"),
        ("path_rename", "IIIIII"),
        ("path_symlink", "IIIII"),
        ("path_unlink_file", "III"),
        ("poll_oneoff", "IIII"),
        ("proc_exit", "I"),
        ("proc_raise", "I"),
        ("sched_yield", ""),
        ("random_get", "II"),
        ("sock_accept", "III"),
        ("sock_recv", "IIIIII"),
        ("sock_send", "IIIII"),
        ("sock_shutdown", "II"),
    ]

    /// The core type of a function of the list.
    static func type(name: String, parameters: String) -> FunctionType {
        FunctionType(
            parameters: parameters.map { $0 == "L" ? ValueType.i64 : .i32 },
            results: name == "proc_exit" ? [] : [.i32])
    }
}
