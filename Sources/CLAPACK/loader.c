// Loads OpenBLAS on the first BLAS or LAPACK call and forwards each `qikit_` routine of
// CLAPACK.h to it. pthread_once makes the first call from several threads load it once; later
// calls cost one check of the once-flag and an indirect call.
//
// The library is Debian's libopenblas.so.0 (packages libopenblas0-pthread / libopenblas-dev,
// installed by `make`), opened with RTLD_LOCAL so that none of its symbols can be interposed
// by, or interpose on, anything else in the process. If it cannot be opened, or lacks a
// routine, there is nothing a caller could do instead: the message names the library and how
// to install it, and the process exits with status 3 (a computation that cannot be done).
#include "CLAPACK.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const libraryName = "libopenblas.so.0";

static struct {
    double (*dnrm2)(int, const double *, int);
    void (*dgemv)(CBLAS_ORDER, CBLAS_TRANSPOSE, int, int, double, const double *, int,
                  const double *, int, double, double *, int);
    void (*dgemm)(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int, int, int, double,
                  const double *, int, const double *, int, double, double *, int);
    void (*dsyrk)(CBLAS_ORDER, CBLAS_UPLO, CBLAS_TRANSPOSE, int, int, double, const double *, int,
                  double, double *, int);
    void (*dgeqp3)(const lapack_int *, const lapack_int *, double *, const lapack_int *,
                   lapack_int *, double *, double *, const lapack_int *, lapack_int *);
    void (*dormqr)(const char *, const char *, const lapack_int *, const lapack_int *,
                   const lapack_int *, const double *, const lapack_int *, const double *,
                   double *, const lapack_int *, double *, const lapack_int *, lapack_int *,
                   size_t, size_t);
    void (*dtrtrs)(const char *, const char *, const char *, const lapack_int *,
                   const lapack_int *, const double *, const lapack_int *, double *,
                   const lapack_int *, lapack_int *, size_t, size_t, size_t);
    void (*dpotrf)(const char *, const lapack_int *, double *, const lapack_int *, lapack_int *,
                   size_t);
    void (*dpotrs)(const char *, const lapack_int *, const lapack_int *, const double *,
                   const lapack_int *, double *, const lapack_int *, lapack_int *, size_t);
    void (*dpotri)(const char *, const lapack_int *, double *, const lapack_int *, lapack_int *,
                   size_t);
    void (*dsyevd)(const char *, const char *, const lapack_int *, double *, const lapack_int *,
                   double *, double *, const lapack_int *, lapack_int *, const lapack_int *,
                   lapack_int *, size_t, size_t);
    void (*setThreads)(int);
    int (*getThreads)(void);
} openblas;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void fail(const char *what) {
    fprintf(stderr, "qikit: %s; QIKit needs OpenBLAS (%s): install Debian's libopenblas0 "
                    "(`make deps` in the QIKit checkout does it)\n", what, libraryName);
    exit(3);
}

static void *routine(void *library, const char *name) {
    void *address = dlsym(library, name);
    if (address == NULL) {
        char message[160];
        snprintf(message, sizeof message, "%s has no routine %s", libraryName, name);
        fail(message);
    }
    return address;
}

static void load(void) {
    void *library = dlopen(libraryName, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) fail(dlerror());
    openblas.dnrm2 = routine(library, "cblas_dnrm2");
    openblas.dgemv = routine(library, "cblas_dgemv");
    openblas.dgemm = routine(library, "cblas_dgemm");
    openblas.dsyrk = routine(library, "cblas_dsyrk");
    openblas.dgeqp3 = routine(library, "dgeqp3_");
    openblas.dormqr = routine(library, "dormqr_");
    openblas.dtrtrs = routine(library, "dtrtrs_");
    openblas.dpotrf = routine(library, "dpotrf_");
    openblas.dpotrs = routine(library, "dpotrs_");
    openblas.dpotri = routine(library, "dpotri_");
    openblas.dsyevd = routine(library, "dsyevd_");
    openblas.setThreads = routine(library, "openblas_set_num_threads");
    openblas.getThreads = routine(library, "openblas_get_num_threads");
}

#define OPENBLAS (pthread_once(&loaded, load), &openblas)

double qikit_cblas_dnrm2(int n, const double *x, int incx) { return OPENBLAS->dnrm2(n, x, incx); }

void qikit_cblas_dgemv(CBLAS_ORDER order, CBLAS_TRANSPOSE trans, int m, int n, double alpha,
                       const double *a, int lda, const double *x, int incx, double beta,
                       double *y, int incy) {
    OPENBLAS->dgemv(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

void qikit_cblas_dgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transa, CBLAS_TRANSPOSE transb,
                       int m, int n, int k, double alpha, const double *a, int lda,
                       const double *b, int ldb, double beta, double *c, int ldc) {
    OPENBLAS->dgemm(order, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void qikit_cblas_dsyrk(CBLAS_ORDER order, CBLAS_UPLO uplo, CBLAS_TRANSPOSE trans, int n, int k,
                       double alpha, const double *a, int lda, double beta, double *c, int ldc) {
    OPENBLAS->dsyrk(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}

void qikit_dgeqp3(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
                  lapack_int *jpvt, double *tau, double *work, const lapack_int *lwork,
                  lapack_int *info) {
    OPENBLAS->dgeqp3(m, n, a, lda, jpvt, tau, work, lwork, info);
}

void qikit_dormqr(const char *side, const char *trans, const lapack_int *m, const lapack_int *n,
                  const lapack_int *k, const double *a, const lapack_int *lda, const double *tau,
                  double *c, const lapack_int *ldc, double *work, const lapack_int *lwork,
                  lapack_int *info, size_t side_len, size_t trans_len) {
    OPENBLAS->dormqr(side, trans, m, n, k, a, lda, tau, c, ldc, work, lwork, info, side_len,
                    trans_len);
}

void qikit_dtrtrs(const char *uplo, const char *trans, const char *diag, const lapack_int *n,
                  const lapack_int *nrhs, const double *a, const lapack_int *lda, double *b,
                  const lapack_int *ldb, lapack_int *info, size_t uplo_len, size_t trans_len,
                  size_t diag_len) {
    OPENBLAS->dtrtrs(uplo, trans, diag, n, nrhs, a, lda, b, ldb, info, uplo_len, trans_len,
                    diag_len);
}

void qikit_dpotrf(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
                  lapack_int *info, size_t uplo_len) {
    OPENBLAS->dpotrf(uplo, n, a, lda, info, uplo_len);
}

void qikit_dpotrs(const char *uplo, const lapack_int *n, const lapack_int *nrhs, const double *a,
                  const lapack_int *lda, double *b, const lapack_int *ldb, lapack_int *info,
                  size_t uplo_len) {
    OPENBLAS->dpotrs(uplo, n, nrhs, a, lda, b, ldb, info, uplo_len);
}

void qikit_dpotri(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
                  lapack_int *info, size_t uplo_len) {
    OPENBLAS->dpotri(uplo, n, a, lda, info, uplo_len);
}

void qikit_dsyevd(const char *jobz, const char *uplo, const lapack_int *n, double *a,
                  const lapack_int *lda, double *w, double *work, const lapack_int *lwork,
                  lapack_int *iwork, const lapack_int *liwork, lapack_int *info, size_t jobz_len,
                  size_t uplo_len) {
    OPENBLAS->dsyevd(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, jobz_len,
                    uplo_len);
}

void qikit_openblas_set_num_threads(int count) { OPENBLAS->setThreads(count); }

int qikit_openblas_get_num_threads(void) { return OPENBLAS->getThreads(); }
