import LeadqStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A test-only program for the reliability suite (Tests/LeadqReliabilityTests): it drives a store the
// way the console and CLI do, printing each fact (see `ChildLog`) as soon as it is true, so the test
// can kill it with SIGKILL at any moment, race several of it, or hand it damaged files to read.
// It is not part of the product: nothing installs it and `leadq` never calls it.

let args = Arguments(CommandLine.arguments.dropFirst())
do {
    switch args.mode {
    case "crash": try ActionStream(args).run()
    case "worker": try Worker(args).run()
    case "compact-loop": try compactLoop(args)
    case "exercise-files": try exerciseFiles(args)
    case "fuzz-store": try StoreFuzz(args).run()
    case "fuzz-settings": try StoreFuzz(args).runSettings()
    case "fuzz-trailer": try StoreFuzz(args).runTrailer()
    case "fuzz-theme": try ThemeFuzz(args).run()
    case "fuzz-import": try ImportFuzz(args).run()
    case "cli-batch": try CLIBatch(args).run()
    case "frames": try MainActor.assumeIsolated { try drawFrames() }
    default:
        Out.err(
            "usage: leadq-crash-child crash|worker|compact-loop|exercise-files|fuzz-store|fuzz-settings|fuzz-theme|fuzz-import|cli-batch|frames --option value …"
        )
        exit(2)
    }
} catch {
    Out.line("error 0 \(error)")
    exit(3)
}
