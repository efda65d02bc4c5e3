// Package ident validates the identifiers applicants and staff type in:
// resident ID numbers (居民身份证号, GB 11643), unified social credit codes
// (统一社会信用代码, GB 32100), mobile numbers and administrative region codes
// (行政区划代码). It knows nothing of users or storage.
package ident
