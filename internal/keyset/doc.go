// Package keyset pages a list by its sort key (keyset paging, 按键翻页): a
// page holds at most a requested number of rows, the total of the whole
// list, and an opaque cursor naming the last row shown, from which the
// next page continues. A list is sorted by the columns of an index, so a
// page costs the same at the first row as at the millionth and does not
// move when rows are added before it (an offset would skip or repeat them).
//
// keyset knows the shape of a paged query, never a table: each domain
// writes its own SQL and pages it with Fetch, or with Order and Trim where
// one SELECT cannot say it (a union of queues).
package keyset
