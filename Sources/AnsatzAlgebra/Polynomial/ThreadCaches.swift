import AnsatzCore
import CFlint

/// The caches FLINT (with Arb) and MPFR keep per thread: FLINT's pools of freed integers and
/// cached constants, MPFR's cached pi, log 2 and Euler's constant. They are not freed when a
/// thread ends, so a thread that ends must free them first: the one-hour soak grew by 1 GB
/// because each cancelled call's worker was replaced and the surplus thread ended without this.
public enum ThreadCaches {
    /// Only this thread's caches: FLINT's `flint_cleanup` is per thread, and MPFR's local
    /// caches are freed without its shared ones, which other threads may be using.
    public static func release() {
        flint_cleanup()
        mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE)
    }

    /// Makes every thread `LargeStack` starts release them when it ends.
    public static func releaseOnThreadExit() {
        LargeStack.setThreadExitHook { release() }
    }
}
