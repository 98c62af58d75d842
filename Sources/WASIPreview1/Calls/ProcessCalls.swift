/// `args_*`, `environ_*`, `clock_*` and `random_get`: what a guest learns about its process.
extension WASIContext {
    /// `args_get(argv, argv_buf)` / `environ_get(environ, environ_buf)`: the pointers into
    /// `buf`, then the NUL-terminated strings.
    func stringsGet(_ strings: [[UInt8]], _ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        var pointer = a.i32(0)
        var buffer = a.i32(1)
        for string in strings {
            try memory.store(buffer, at: pointer)
            try memory.write(string, at: buffer)
            pointer &+= 4
            buffer &+= UInt32(string.count)
        }
    }

    /// `args_sizes_get(argc, argv_buf_size)` / `environ_sizes_get`.
    func stringsSizesGet(_ strings: [[UInt8]], _ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        try memory.store(UInt32(strings.count), at: a.i32(0))
        try memory.store(UInt32(strings.reduce(0) { $0 + $1.count }), at: a.i32(1))
    }

    /// `clock_res_get(id, resolution)`.
    func clockResGet(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        guard let id = WASIClockID(rawValue: a.i32(0)),
              let value = configuration.clock.resolution(id) else { throw .invalid }
        try memory.store(value, at: a.i32(1))
    }

    /// `clock_time_get(id, precision, time)`: the precision is a hint and ignored.
    func clockTimeGet(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        guard let id = WASIClockID(rawValue: a.i32(0)),
              let value = configuration.clock.now(id) else { throw .invalid }
        try memory.store(value, at: a.i32(2))
    }

    /// `random_get(buf, len)`.
    func randomGet(_ memory: GuestMemory, _ a: Arguments) throws(WASIErrno) {
        let buffer = try memory.buffer(at: a.i32(0), count: a.i32(1))
        guard buffer.count == 0 || configuration.random(buffer) else { throw .io }
    }
}
