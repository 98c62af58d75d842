import Glibc

/// The `fd_*` calls: reads and writes (standard streams through the configuration's
/// closures, files through the host descriptor), seeking, status, preopens and listings.
extension WASIContext {
    /// `fd_write(fd, iovs, iovs_len, nwritten)` and `fd_pwrite(fd, iovs, iovs_len, offset,
    /// nwritten)`.
    func fdWrite(_ memory: GuestMemory, _ a: Arguments, positioned: Bool) throws(WASIErrno) {
        let entry = try descriptor(a.i32(0))
        let vectors = try memory.vectors(at: a.i32(1), count: a.i32(2))
        let result = positioned ? a.i32(4) : a.i32(3)
        _ = try memory.buffer(at: result, count: 4)
        var total = 0
        switch entry.kind {
        case .output(let stream):
            guard !positioned else { throw .seekOnPipe }
            // One call of the sink per fd_write, so that a line written in pieces by one
            // printf arrives whole.
            let nonEmpty = vectors.filter { $0.count > 0 }
            if nonEmpty.count == 1 {
                configuration.output(stream, UnsafeRawBufferPointer(nonEmpty[0]))
            } else if nonEmpty.count > 1 {
                let joined = vectors.flatMap { Array($0) }
                joined.withUnsafeBytes { configuration.output(stream, $0) }
            }
            total = vectors.reduce(0) { $0 + $1.count }
        case .file:
            total = try transferFile(vectors, at: positioned ? off_t(Int64(bitPattern: a.i64(3))) : nil) { vector, offset in
                if let offset { pwrite(entry.host, vector.baseAddress, vector.count, offset) }
                else { write(entry.host, vector.baseAddress, vector.count) }
            }
        case .standardInput:
            throw .badDescriptor
        case .directory:
            throw .isDirectory
        }
        try memory.store(UInt32(truncatingIfNeeded: total), at: result)
    }

    /// `fd_read(fd, iovs, iovs_len, nread)` and `fd_pread(fd, iovs, iovs_len, offset, nread)`.
    func fdRead(_ memory: GuestMemory, _ a: Arguments, positioned: Bool) throws(WASIErrno) {
        let entry = try descriptor(a.i32(0))
        let vectors = try memory.vectors(at: a.i32(1), count: a.i32(2))
        let result = positioned ? a.i32(4) : a.i32(3)
        _ = try memory.buffer(at: result, count: 4)
        var total = 0
        switch entry.kind {
        case .standardInput:
            guard !positioned else { throw .seekOnPipe }
            if let input = configuration.input {
                for vector in vectors where vector.count > 0 {
                    let n = input(vector)
                    total += n
                    if n < vector.count { break }
                }
            }
        case .file:
            total = try transferFile(vectors, at: positioned ? off_t(Int64(bitPattern: a.i64(3))) : nil) { vector, offset in
                if let offset { pread(entry.host, vector.baseAddress, vector.count, offset) }
                else { read(entry.host, vector.baseAddress, vector.count) }
            }
        case .output:
            throw .badDescriptor
        case .directory:
            throw .isDirectory
        }
        try memory.store(UInt32(truncatingIfNeeded: total), at: result)
    }

    /// One host call per non-empty vector, as readv/writev would: a short transfer ends the
    /// call, and an error after some bytes moved reports those bytes rather than the error.
    /// `start` is the file offset of positioned calls (nil: the descriptor's own position).
    private func transferFile(_ vectors: [UnsafeMutableRawBufferPointer], at start: off_t?,
                              _ call: (UnsafeMutableRawBufferPointer, off_t?) -> Int) throws(WASIErrno) -> Int {
        var total = 0
        var offset = start
        for vector in vectors where vector.count > 0 {
            let n = call(vector, offset)
            if n < 0 {
                if total > 0 { break }
                throw .current
            }
            total += n
            offset = offset.map { $0 + off_t(n) }
            if n < vector.count { break }
        }
        return total
    }

    /// `fd_seek(fd, offset, whence, newoffset)`; whence 0 is `SET`, 1 `CUR`, 2 `END`.
    func fdSeek(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let entry = try file(a.i32(0))
        let whence: Int32 = switch a.i32(2) {
        case 0: SEEK_SET
        case 1: SEEK_CUR
        case 2: SEEK_END
        default: throw .invalid
        }
        _ = try memory.buffer(at: a.i32(3), count: 8)
        let position = lseek(entry.host, off_t(Int64(bitPattern: a.i64(1))), whence)
        guard position >= 0 else { throw .current }
        try memory.store(UInt64(position), at: a.i32(3))
    }

    /// `fd_tell(fd, offset)`.
    func fdTell(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let entry = try file(a.i32(0))
        _ = try memory.buffer(at: a.i32(1), count: 8)
        let position = lseek(entry.host, 0, SEEK_CUR)
        guard position >= 0 else { throw .current }
        try memory.store(UInt64(position), at: a.i32(1))
    }

    /// `fd_close(fd)`: the entry goes, and with it the host descriptor.
    func fdClose(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        guard descriptors.removeValue(forKey: a.i32(0)) != nil else { throw .badDescriptor }
    }

    /// `fd_sync(fd)` and `fd_datasync(fd)`.
    func fdSync(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let entry = try file(a.i32(0))
        guard fsync(entry.host) == 0 else { throw .current }
    }

    /// `fd_filestat_set_size(fd, size)`.
    func fdFilestatSetSize(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let entry = try file(a.i32(0))
        guard ftruncate(entry.host, off_t(Int64(bitPattern: a.i64(1)))) == 0 else { throw .current }
    }

    /// `fd_fdstat_get(fd, stat)`: `fdstat` is `fs_filetype: u8 @0, fs_flags: u16 @2,
    /// fs_rights_base: u64 @8, fs_rights_inheriting: u64 @16` (24 bytes).
    func fdFdstatGet(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let entry = try descriptor(a.i32(0))
        let stat = a.i32(1)
        _ = try memory.buffer(at: stat, count: 24)
        var flags: UInt16 = 0
        var rights = Rights.all
        switch entry.kind {
        case .standardInput: rights = Rights.standardStream | Rights.read
        case .output: rights = Rights.standardStream | Rights.write
        case .file, .directory:
            let status = fcntl(entry.host, F_GETFL)
            if status >= 0 {
                if status & O_APPEND != 0 { flags |= 1 }
                if status & O_NONBLOCK != 0 { flags |= 4 }
            }
        }
        try memory.write([UInt8](repeating: 0, count: 24), at: stat)
        try memory.store(entry.fileType.rawValue, at: stat)
        try memory.store(flags, at: stat + 2)
        try memory.store(rights, at: stat + 8)
        try memory.store(rights, at: stat + 16)
    }

    /// `fd_filestat_get(fd, buf)`: the standard streams read as empty character devices.
    func fdFilestatGet(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let entry = try descriptor(a.i32(0))
        var info = stat()
        if entry.host >= 0 {
            guard fstat(entry.host, &info) == 0 else { throw .current }
        } else {
            info.st_mode = S_IFCHR
        }
        try writeFilestat(info, to: memory, at: a.i32(1))
    }

    /// `fd_prestat_get(fd, buf)`: `prestat` is `tag: u8 @0` (0, a directory) and
    /// `pr_name_len: u32 @4`. `EBADF` for anything but a preopen: libc scans upwards from 3
    /// until it gets `EBADF`.
    func fdPrestatGet(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let name = try preopenName(a.i32(0))
        try memory.store(UInt32(0), at: a.i32(1))
        try memory.store(UInt32(name.utf8.count), at: a.i32(1) + 4)
    }

    /// `fd_prestat_dir_name(fd, path, path_len)`: the name without a NUL.
    func fdPrestatDirName(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let name = try preopenName(a.i32(0))
        guard a.i32(2) >= name.utf8.count else { throw .nameTooLong }
        try memory.write(Array(name.utf8), at: a.i32(1))
    }

    /// `fd_readdir(fd, buf, buf_len, cookie, bufused)`: `dirent` records (`d_next: u64 @0,
    /// d_ino: u64 @8, d_namlen: u32 @16, d_type: u8 @20`, 24 bytes, then the name) from entry
    /// `cookie` on, the last one cut short when the buffer is full: libc then reads again
    /// with a bigger buffer. `d_next` is the next entry's index.
    func fdReaddir(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let entry = try directory(a.i32(0))
        let buffer = try memory.buffer(at: a.i32(1), count: a.i32(2))
        let cookie = a.i64(3)
        _ = try memory.buffer(at: a.i32(4), count: 4)
        if cookie == 0 || entry.listing.isEmpty { entry.listing = try Self.listing(of: entry.host) }
        var record: [UInt8] = []
        var used = 0
        var index = cookie
        while index < UInt64(entry.listing.count), used < buffer.count {
            let item = entry.listing[Int(index)]
            record.removeAll(keepingCapacity: true)
            Self.append(index + 1, to: &record)
            Self.append(item.inode, to: &record)
            Self.append(UInt32(item.name.count), to: &record)
            record.append(item.type.rawValue)
            record.append(contentsOf: [0, 0, 0])
            record.append(contentsOf: item.name)
            let count = min(record.count, buffer.count - used)
            UnsafeMutableRawBufferPointer(rebasing: buffer[used ..< used + count])
                .copyBytes(from: record[..<count])
            used += count
            index += 1
        }
        try memory.store(UInt32(used), at: a.i32(4))
    }

    // MARK: - Helpers

    /// A file or directory entry (one with a host descriptor): the standard streams cannot
    /// seek (`ESPIPE`).
    func file(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        let entry = try descriptor(fd)
        guard entry.host >= 0 else { throw .seekOnPipe }
        return entry
    }

    private func preopenName(_ fd: UInt32) throws(WASIErrno) -> String {
        guard case .directory(let name?) = descriptors[fd]?.kind else { throw .badDescriptor }
        return name
    }

    /// Every entry of the directory, `.` and `..` included (as other runtimes list them),
    /// read through a duplicate so that the guest's descriptor is left as it was.
    static func listing(of fd: Int32) throws(WASIErrno) -> [DirectoryEntry] {
        let copy = dup(fd)
        guard copy >= 0 else { throw .current }
        guard let stream = fdopendir(copy) else {
            close(copy)
            throw .current
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var entries: [DirectoryEntry] = []
        while let item = readdir(stream) {
            let name = withUnsafeBytes(of: &item.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            entries.append(DirectoryEntry(name: name, inode: UInt64(item.pointee.d_ino),
                                          type: FileType(direntType: item.pointee.d_type)))
        }
        return entries
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// `filestat` (64 bytes): `dev @0, ino @8, filetype: u8 @16, nlink @24, size @32,
    /// atim @40, mtim @48, ctim @56`, times in nanoseconds.
    func writeFilestat(_ info: stat, to memory: GuestMemory, at pointer: UInt32) throws(WASIErrno) {
        func nanoseconds(_ time: timespec) -> UInt64 {
            UInt64(max(time.tv_sec, 0)) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
        }
        var record: [UInt8] = []
        record.reserveCapacity(64)
        Self.append(UInt64(info.st_dev), to: &record)
        Self.append(UInt64(info.st_ino), to: &record)
        record.append(FileType(mode: info.st_mode).rawValue)
        record.append(contentsOf: [UInt8](repeating: 0, count: 7))
        Self.append(UInt64(info.st_nlink), to: &record)
        Self.append(UInt64(max(info.st_size, 0)), to: &record)
        Self.append(nanoseconds(info.st_atim), to: &record)
        Self.append(nanoseconds(info.st_mtim), to: &record)
        Self.append(nanoseconds(info.st_ctim), to: &record)
        try memory.write(record, at: pointer)
    }
}

/// `rights` bits (witx): what `fd_fdstat_get` reports. midimon does not enforce them (the
/// host descriptor's access mode does); libc reads them, notably `isatty`, which is true
/// for a character device without `FD_SEEK` and `FD_TELL`.
enum Rights {
    static let read: UInt64 = 1 << 1
    static let write: UInt64 = 1 << 6
    /// `fd_fdstat_set_flags`, `fd_filestat_get`, `poll_fd_readwrite`.
    static let standardStream: UInt64 = 1 << 3 | 1 << 21 | 1 << 27
    /// All 29 rights of preview 1.
    static let all: UInt64 = (1 << 29) - 1
}
