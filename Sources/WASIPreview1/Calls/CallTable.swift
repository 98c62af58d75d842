import Glibc

extension WASIContext {
    /// The implemented functions by name; ``Preview1/signatures`` gives their types, and the
    /// names missing here get an `ENOSYS` stub. Arguments are read in the witx order.
    static let calls: [String: Call] = [
        "args_get": { c, m, a throws(WASIErrno) in try c.stringsGet(c.argumentStrings, m, a) },
        "args_sizes_get": { c, m, a throws(WASIErrno) in try c.stringsSizesGet(c.argumentStrings, m, a) },
        "environ_get": { c, m, a throws(WASIErrno) in try c.stringsGet(c.environmentStrings, m, a) },
        "environ_sizes_get": { c, m, a throws(WASIErrno) in try c.stringsSizesGet(c.environmentStrings, m, a) },
        "clock_res_get": { c, m, a throws(WASIErrno) in try c.clockResGet(m, a) },
        "clock_time_get": { c, m, a throws(WASIErrno) in try c.clockTimeGet(m, a) },
        "random_get": { c, m, a throws(WASIErrno) in try c.randomGet(m, a) },
        "sched_yield": { _, _, _ throws(WASIErrno) in _ = sched_yield() },

        "fd_close": { c, m, a throws(WASIErrno) in try c.fdClose(m, a) },
        "fd_datasync": { c, m, a throws(WASIErrno) in try c.fdSync(m, a) },
        "fd_fdstat_get": { c, m, a throws(WASIErrno) in try c.fdFdstatGet(m, a) },
        "fd_filestat_get": { c, m, a throws(WASIErrno) in try c.fdFilestatGet(m, a) },
        "fd_filestat_set_size": { c, m, a throws(WASIErrno) in try c.fdFilestatSetSize(m, a) },
        "fd_pread": { c, m, a throws(WASIErrno) in try c.fdRead(m, a, positioned: true) },
        "fd_prestat_get": { c, m, a throws(WASIErrno) in try c.fdPrestatGet(m, a) },
        "fd_prestat_dir_name": { c, m, a throws(WASIErrno) in try c.fdPrestatDirName(m, a) },
        "fd_pwrite": { c, m, a throws(WASIErrno) in try c.fdWrite(m, a, positioned: true) },
        "fd_read": { c, m, a throws(WASIErrno) in try c.fdRead(m, a, positioned: false) },
        "fd_readdir": { c, m, a throws(WASIErrno) in try c.fdReaddir(m, a) },
        "fd_seek": { c, m, a throws(WASIErrno) in try c.fdSeek(m, a) },
        "fd_sync": { c, m, a throws(WASIErrno) in try c.fdSync(m, a) },
        "fd_tell": { c, m, a throws(WASIErrno) in try c.fdTell(m, a) },
        "fd_write": { c, m, a throws(WASIErrno) in try c.fdWrite(m, a, positioned: false) },

        "path_create_directory": { c, m, a throws(WASIErrno) in try c.pathCreateDirectory(m, a) },
        "path_filestat_get": { c, m, a throws(WASIErrno) in try c.pathFilestatGet(m, a) },
        "path_open": { c, m, a throws(WASIErrno) in try c.pathOpen(m, a) },
        "path_readlink": { c, m, a throws(WASIErrno) in try c.pathReadlink(m, a) },
        "path_remove_directory": { c, m, a throws(WASIErrno) in try c.pathRemove(m, a, directory: true) },
        "path_rename": { c, m, a throws(WASIErrno) in try c.pathRename(m, a) },
        "path_unlink_file": { c, m, a throws(WASIErrno) in try c.pathRemove(m, a, directory: false) },
    ]

    /// Every function of ``Preview1/signatures`` missing from ``calls``.
    static let notImplemented: Call = { _, _, _ throws(WASIErrno) in throw .noSystemCall }

    /// Functions that need the `filesystem` capability whatever their arguments: without it
    /// they return `ENOTCAPABLE` before looking at them. The `fd_*` calls need no entry here:
    /// without the capability there are no preopens, so no file or directory descriptor can
    /// exist and they answer `EBADF` for anything but the standard streams (`fd_prestat_get`
    /// must say `EBADF`: libc's start-up scan stops there and treats anything else as fatal).
    static let filesystemCalls: Set<String> = [
        "fd_readdir", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
        "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename",
        "path_symlink", "path_unlink_file",
    ]
}
