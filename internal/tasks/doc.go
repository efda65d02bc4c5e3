// Package tasks is the staff's work on cases between acceptance and decision (办理): each
// staff member's to-do list (待办) and done list (已办), a department's open cases as its
// head sees them, the staff case page's reading of a case, the actions on a task — claim
// (签收), complete with an outcome and an opinion (意见), return to an earlier step (退回),
// transfer (转办), add a signer (加签), take back (收回) — and the correction of a signed
// opinion, which needs the consent of the leader in charge (seed 001 篇3 §17).
//
// Every function is given the user acting and checks them: auth says who may work on tasks
// and read a case at all (a supervisor reads and never writes), the process engine whose
// task it is. So the office pages, the API and a script get the same rules, and a refused
// action writes nothing.
//
// tasks composes casework (the case), process (its run and queues), deadline (its clocks)
// and org (people's names), as the web layer would; it owns one table of its own, the
// corrections of opinions. It never routes a case (flow does) and never sets the case's
// status (casework does).
package tasks
