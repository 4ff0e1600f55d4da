// The C corner of QIKit: the CBLAS and Fortran LAPACK routines QIKit calls, from OpenBLAS,
// which is loaded on the first call (loader.c) rather than linked: linking it costs every `qi`
// run about 5 ms of relocations and starts a thread pool that spins for a tenth of a second,
// even for commands that never multiply a matrix. Each routine below is a static inline
// function with the standard name that forwards to its `qikit_` counterpart, so the Swift code
// reads as plain CBLAS/LAPACK and no symbol of OpenBLAS's is defined by QIKit.
// Fortran passes every argument by pointer and appends one hidden length (size_t, always 1)
// per CHARACTER argument, as gfortran expects. Debian's OpenBLAS is LP64: integers are 32-bit.
// The enumerations have the values of the CBLAS standard (and of OpenBLAS's <cblas.h>).
#ifndef QIKIT_CLAPACK_H
#define QIKIT_CLAPACK_H
#include <stddef.h>

typedef int lapack_int;

typedef enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_ORDER;
typedef enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112 } CBLAS_TRANSPOSE;
typedef enum CBLAS_UPLO { CblasUpper = 121, CblasLower = 122 } CBLAS_UPLO;

double qikit_cblas_dnrm2(int n, const double *x, int incx);
void qikit_cblas_dgemv(CBLAS_ORDER order, CBLAS_TRANSPOSE trans, int m, int n, double alpha,
                       const double *a, int lda, const double *x, int incx, double beta,
                       double *y, int incy);
void qikit_cblas_dgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transa, CBLAS_TRANSPOSE transb,
                       int m, int n, int k, double alpha, const double *a, int lda,
                       const double *b, int ldb, double beta, double *c, int ldc);
void qikit_cblas_dsyrk(CBLAS_ORDER order, CBLAS_UPLO uplo, CBLAS_TRANSPOSE trans, int n, int k,
                       double alpha, const double *a, int lda, double beta, double *c, int ldc);
void qikit_dgeqp3(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
                  lapack_int *jpvt, double *tau, double *work, const lapack_int *lwork,
                  lapack_int *info);
void qikit_dormqr(const char *side, const char *trans, const lapack_int *m, const lapack_int *n,
                  const lapack_int *k, const double *a, const lapack_int *lda, const double *tau,
                  double *c, const lapack_int *ldc, double *work, const lapack_int *lwork,
                  lapack_int *info, size_t side_len, size_t trans_len);
void qikit_dtrtrs(const char *uplo, const char *trans, const char *diag, const lapack_int *n,
                  const lapack_int *nrhs, const double *a, const lapack_int *lda, double *b,
                  const lapack_int *ldb, lapack_int *info, size_t uplo_len, size_t trans_len,
                  size_t diag_len);
void qikit_dpotrf(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
                  lapack_int *info, size_t uplo_len);
void qikit_dpotrs(const char *uplo, const lapack_int *n, const lapack_int *nrhs, const double *a,
                  const lapack_int *lda, double *b, const lapack_int *ldb, lapack_int *info,
                  size_t uplo_len);
void qikit_dpotri(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
                  lapack_int *info, size_t uplo_len);
void qikit_dsyevd(const char *jobz, const char *uplo, const lapack_int *n, double *a,
                  const lapack_int *lda, double *w, double *work, const lapack_int *lwork,
                  lapack_int *iwork, const lapack_int *liwork, lapack_int *info, size_t jobz_len,
                  size_t uplo_len);
void qikit_openblas_set_num_threads(int count);
int qikit_openblas_get_num_threads(void);

static inline double cblas_dnrm2(int n, const double *x, int incx) {
    return qikit_cblas_dnrm2(n, x, incx);
}
static inline void cblas_dgemv(CBLAS_ORDER order, CBLAS_TRANSPOSE trans, int m, int n,
                               double alpha, const double *a, int lda, const double *x,
                               int incx, double beta, double *y, int incy) {
    qikit_cblas_dgemv(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
static inline void cblas_dgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transa, CBLAS_TRANSPOSE transb,
                               int m, int n, int k, double alpha, const double *a, int lda,
                               const double *b, int ldb, double beta, double *c, int ldc) {
    qikit_cblas_dgemm(order, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
static inline void cblas_dsyrk(CBLAS_ORDER order, CBLAS_UPLO uplo, CBLAS_TRANSPOSE trans, int n,
                               int k, double alpha, const double *a, int lda, double beta,
                               double *c, int ldc) {
    qikit_cblas_dsyrk(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}
static inline void dgeqp3_(const lapack_int *m, const lapack_int *n, double *a,
                           const lapack_int *lda, lapack_int *jpvt, double *tau, double *work,
                           const lapack_int *lwork, lapack_int *info) {
    qikit_dgeqp3(m, n, a, lda, jpvt, tau, work, lwork, info);
}
static inline void dormqr_(const char *side, const char *trans, const lapack_int *m,
                           const lapack_int *n, const lapack_int *k, const double *a,
                           const lapack_int *lda, const double *tau, double *c,
                           const lapack_int *ldc, double *work, const lapack_int *lwork,
                           lapack_int *info, size_t side_len, size_t trans_len) {
    qikit_dormqr(side, trans, m, n, k, a, lda, tau, c, ldc, work, lwork, info, side_len, trans_len);
}
static inline void dtrtrs_(const char *uplo, const char *trans, const char *diag,
                           const lapack_int *n, const lapack_int *nrhs, const double *a,
                           const lapack_int *lda, double *b, const lapack_int *ldb,
                           lapack_int *info, size_t uplo_len, size_t trans_len, size_t diag_len) {
    qikit_dtrtrs(uplo, trans, diag, n, nrhs, a, lda, b, ldb, info, uplo_len, trans_len, diag_len);
}
static inline void dpotrf_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
                           lapack_int *info, size_t uplo_len) {
    qikit_dpotrf(uplo, n, a, lda, info, uplo_len);
}
static inline void dpotrs_(const char *uplo, const lapack_int *n, const lapack_int *nrhs,
                           const double *a, const lapack_int *lda, double *b,
                           const lapack_int *ldb, lapack_int *info, size_t uplo_len) {
    qikit_dpotrs(uplo, n, nrhs, a, lda, b, ldb, info, uplo_len);
}
static inline void dpotri_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
                           lapack_int *info, size_t uplo_len) {
    qikit_dpotri(uplo, n, a, lda, info, uplo_len);
}
static inline void dsyevd_(const char *jobz, const char *uplo, const lapack_int *n, double *a,
                           const lapack_int *lda, double *w, double *work, const lapack_int *lwork,
                           lapack_int *iwork, const lapack_int *liwork, lapack_int *info,
                           size_t jobz_len, size_t uplo_len) {
    qikit_dsyevd(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, jobz_len, uplo_len);
}
static inline void openblas_set_num_threads(int count) { qikit_openblas_set_num_threads(count); }
static inline int openblas_get_num_threads(void) { return qikit_openblas_get_num_threads(); }
#endif
