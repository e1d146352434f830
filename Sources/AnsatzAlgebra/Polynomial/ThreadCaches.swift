import AnsatzCore
import CFlint

/// The caches FLINT (with Arb) and MPFR keep per thread: FLINT's pools of freed integers and
/// cached constants, MPFR's cached pi, log 2 and Euler's constant. They are not freed when a
/// thread ends, so a thread that ends must free them first: the one-hour soak grew by 1 GB
/// because each cancelled call's worker was replaced and the surplus thread ended without this.
public enum ThreadCaches {
    /// FLINT's `flint_cleanup` frees this thread's caches; in FLINT 2.9 it also calls
    /// `mpfr_free_cache()`, which would free MPFR's shared caches too, but Debian's MPFR is built
    /// without shared caches (each thread has its own), so only this thread's are touched. The
    /// explicit local free covers a FLINT that does not call it.
    public static func release() {
        flint_cleanup()
        mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE)
    }

    /// Makes every thread `LargeStack` starts release them when it ends.
    public static func releaseOnThreadExit() {
        LargeStack.setThreadExitHook { release() }
    }
}
