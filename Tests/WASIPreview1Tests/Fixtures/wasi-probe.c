// wasi-probe: one WASI command with a sub-command per behaviour under test, so that the
// tests compile one C program (through wasi-libc, as plugin authors do) and run it many
// times. Each sub-command prints what it saw on stdout; failures print "FAIL ..." and
// exit 1. Built at test time: clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int hello(void) {
    printf("hello, world\n");
    fprintf(stderr, "to stderr\n");
    return 0;
}

static int args(int argc, char **argv) {
    for (int i = 0; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
    return 0;
}

static int env(void) {
    extern char **environ;
    for (char **e = environ; *e; e++) printf("env %s\n", *e);
    const char *home = getenv("HOME");
    printf("HOME %s\n", home ? home : "(unset)");
    return 0;
}

static int clock_probe(void) {
    struct timespec a, b, res;
    if (clock_gettime(CLOCK_MONOTONIC, &a) || clock_gettime(CLOCK_MONOTONIC, &b)) return printf("FAIL monotonic\n"), 1;
    if (clock_getres(CLOCK_MONOTONIC, &res)) return printf("FAIL res\n"), 1;
    struct timespec wall;
    if (clock_gettime(CLOCK_REALTIME, &wall)) return printf("FAIL realtime\n"), 1;
    printf("monotonic %lld.%09ld\n", (long long)a.tv_sec, a.tv_nsec);
    printf("ordered %d\n", (b.tv_sec > a.tv_sec) || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
    printf("resolution %lld\n", (long long)res.tv_sec * 1000000000LL + res.tv_nsec);
    printf("realtime %lld\n", (long long)wall.tv_sec);
    return 0;
}

static int random_probe(void) {
    unsigned char bytes[16];
    if (getentropy(bytes, sizeof bytes)) return printf("FAIL getentropy %d\n", errno), 1;
    for (size_t i = 0; i < sizeof bytes; i++) printf("%02x", bytes[i]);
    printf("\n");
    return 0;
}

// Creates, writes, seeks, reads back and lists files in the preopen "data".
static int files(void) {
    if (mkdir("data/sub", 0777)) return printf("FAIL mkdir %s\n", strerror(errno)), 1;
    FILE *f = fopen("data/sub/notes.txt", "w+");
    if (!f) return printf("FAIL fopen %s\n", strerror(errno)), 1;
    fputs("first line\nsecond line\n", f);
    if (fseek(f, 6, SEEK_SET)) return printf("FAIL fseek\n"), 1;
    printf("tell %ld\n", ftell(f));
    char line[64];
    if (!fgets(line, sizeof line, f)) return printf("FAIL fgets\n"), 1;
    printf("read %s", line);
    fclose(f);
    struct stat st;
    if (stat("data/sub/notes.txt", &st)) return printf("FAIL stat %s\n", strerror(errno)), 1;
    printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    // Going down and back up inside the preopen is fine.
    FILE *g = fopen("data/sub/../sub/./notes.txt", "r");
    printf("dotdot inside %s\n", g ? "ok" : strerror(errno));
    if (g) fclose(g);
    DIR *d = opendir("data/sub");
    if (!d) return printf("FAIL opendir %s\n", strerror(errno)), 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) printf("entry %s\n", e->d_name);
    }
    closedir(d);
    if (unlink("data/sub/notes.txt")) return printf("FAIL unlink %s\n", strerror(errno)), 1;
    if (rmdir("data/sub")) return printf("FAIL rmdir %s\n", strerror(errno)), 1;
    printf("removed\n");
    return 0;
}

// Tries to open PATH for reading and prints "open PATH: ok" or the errno's number and name.
static int try_open(const char *path) {
    errno = 0;
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        char buffer[64] = {0};
        ssize_t n = read(fd, buffer, sizeof buffer - 1);
        printf("open %s: ok %s\n", path, n > 0 ? buffer : "");
        close(fd);
    } else {
        printf("open %s: errno %d %s\n", path, errno, strerror(errno));
    }
    return 0;
}

static int create(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) return printf("create %s: errno %d\n", path, errno), 0;
    fputs("written by wasi-probe\n", f);
    fclose(f);
    printf("create %s: ok\n", path);
    return 0;
}

int main(int argc, char **argv) {
    const char *command = argc > 1 ? argv[1] : "hello";
    if (!strcmp(command, "hello")) return hello();
    if (!strcmp(command, "args")) return args(argc, argv);
    if (!strcmp(command, "env")) return env();
    if (!strcmp(command, "clock")) return clock_probe();
    if (!strcmp(command, "random")) return random_probe();
    if (!strcmp(command, "exit") && argc > 2) exit(atoi(argv[2]));
    if (!strcmp(command, "return") && argc > 2) return atoi(argv[2]);
    if (!strcmp(command, "files")) return files();
    if (!strcmp(command, "open")) {
        for (int i = 2; i < argc; i++) try_open(argv[i]);
        return 0;
    }
    if (!strcmp(command, "create") && argc > 2) return create(argv[2]);
    printf("FAIL unknown command %s\n", command);
    return 1;
}
