import Glibc

/// What ``Artifact`` checks in a file before `dlopen` sees it.
///
/// `dlopen` trusts the ELF program headers: for a truncated shared object (a copy cut short,
/// a full disk) it maps segments that run past the end of the file and then touches them
/// while relocating, which kills the process with SIGBUS or SIGSEGV instead of returning an
/// error. Refusing a file whose loadable segments do not lie inside it turns that crash into
/// an ``ArtifactError``. It is no defence against a deliberately crafted object: an artifact is
/// native code, trusted once it loads.
enum ELFPrecheck {
    /// Why `path` is not a complete 64-bit little-endian ELF shared object, or nil.
    static func problem(path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "cannot open: \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return "cannot stat: \(String(cString: strerror(errno)))" }
        let size = UInt64(status.st_size)

        /// `count` bytes at `offset`, or nil when the file is shorter.
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard offset <= size, UInt64(count) <= size - offset else { return nil }
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
            return got == count ? bytes : nil
        }
        func integer<T: FixedWidthInteger>(_ bytes: [UInt8], _ at: Int, _: T.Type) -> UInt64 {
            var value: UInt64 = 0
            for i in (0..<MemoryLayout<T>.size).reversed() { value = value << 8 | UInt64(bytes[at + i]) }
            return value
        }

        // Elf64_Ehdr: magic, ELFCLASS64 (2), ELFDATA2LSB (1); e_type ET_DYN (3) at 16,
        // e_phoff at 32, e_phentsize at 54, e_phnum at 56.
        guard let header = read(0, 64), header[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]) else {
            return "not an ELF file"
        }
        guard header[4] == 2, header[5] == 1 else { return "not a 64-bit little-endian ELF file" }
        guard integer(header, 16, UInt16.self) == 3 else { return "not an ELF shared object" }
        let tableOffset = integer(header, 32, UInt64.self)
        let entrySize = Int(integer(header, 54, UInt16.self))
        let count = Int(integer(header, 56, UInt16.self))
        guard entrySize >= 56, let table = read(tableOffset, entrySize * count) else {
            return "truncated or corrupt ELF program headers (file of \(size) bytes)"
        }
        // Elf64_Phdr: p_type at 0 (PT_LOAD = 1), p_offset at 8, p_filesz at 32.
        for i in 0..<count where integer(table, i * entrySize, UInt32.self) == 1 {
            let offset = integer(table, i * entrySize + 8, UInt64.self)
            let length = integer(table, i * entrySize + 32, UInt64.self)
            guard offset <= size, length <= size - offset else {
                return "truncated: a loadable segment ends at byte \(offset &+ length), the file has \(size)"
            }
        }
        return nil
    }
}
