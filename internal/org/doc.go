// Package org owns the organisation: regions (province → city → county →
// township, by administrative code 行政区划代码), departments (委办局), service
// centres (政务服务中心) and their windows (窗口), and users with their roles.
//
// Every change here appends its event (region.created, user.created,
// user.role_changed, user.password_reset…) in the same transaction. org
// stores password hashes but never makes or checks them: that is auth's job.
package org
