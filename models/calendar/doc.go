// Package calendar counts working days (工作日) against the holidays table:
// Monday to Friday are working days unless listed as 'holiday'; Saturday and
// Sunday are days off unless listed as 'workday' (调休上班). Case deadlines
// (承诺办结时限, C 0103 7.1 and 7.3) are counted with it.
package calendar
