// The parts of the LLVM-C API the compiler uses: building IR (Core), checking it (Analysis),
// debug locations (DebugInfo), bitcode for debugging (BitWriter), target machines and object
// emission (Target, TargetMachine), the new pass manager (Transforms/PassBuilder), and error
// values (Error). The headers come from Debian's llvm-19-dev in /usr/lib/llvm-19/include,
// which Package.swift puts on clang's search path (the llvmHeaders setting).
#ifndef MIDIMON_CLLVM_H
#define MIDIMON_CLLVM_H

#include <llvm-c/Analysis.h>
#include <llvm-c/BitWriter.h>
#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Error.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

#endif
