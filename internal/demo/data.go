package demo

import "github.com/shenpi/shenpi/internal/org"

// The demo organisation. Codes are the real administrative codes; names
// follow the usual pattern of Jiangsu's departments, in Chinese with an
// English name beside.

var regions = []org.Region{
	{Code: "320000", Name: "江苏省", NameEn: "Jiangsu Province", Level: org.Province},
	{Code: "320100", Name: "南京市", NameEn: "Nanjing", Level: org.City, ParentCode: "320000"},
	{Code: "320102", Name: "玄武区", NameEn: "Xuanwu District", Level: org.County, ParentCode: "320100"},
	{Code: "320104", Name: "秦淮区", NameEn: "Qinhuai District", Level: org.County, ParentCode: "320100"},
	{Code: "320102001", Name: "梅园新村街道", NameEn: "Meiyuan Xincun Subdistrict", Level: org.Township, ParentCode: "320102"},
}

var departments = []org.Department{
	{Code: "320000-SCJG", RegionCode: "320000", Name: "江苏省市场监督管理局", NameEn: "Jiangsu Administration for Market Regulation"},
	{Code: "320000-ZRZY", RegionCode: "320000", Name: "江苏省自然资源厅", NameEn: "Department of Natural Resources of Jiangsu Province"},
	{Code: "320000-WSJK", RegionCode: "320000", Name: "江苏省卫生健康委员会", NameEn: "Jiangsu Provincial Health Commission"},
	{Code: "320000-JTYS", RegionCode: "320000", Name: "江苏省交通运输厅", NameEn: "Jiangsu Provincial Department of Transportation"},

	{Code: "320100-SCJG", RegionCode: "320100", Name: "南京市市场监督管理局", NameEn: "Nanjing Administration for Market Regulation"},
	{Code: "320100-ZRZY", RegionCode: "320100", Name: "南京市规划和自然资源局", NameEn: "Nanjing Bureau of Planning and Natural Resources"},
	{Code: "320100-WSJK", RegionCode: "320100", Name: "南京市卫生健康委员会", NameEn: "Nanjing Municipal Health Commission"},
	{Code: "320100-JTYS", RegionCode: "320100", Name: "南京市交通运输局", NameEn: "Nanjing Municipal Transportation Bureau"},

	{Code: "320102-SCJG", RegionCode: "320102", Name: "玄武区市场监督管理局", NameEn: "Xuanwu District Administration for Market Regulation"},
	{Code: "320102-ZRZY", RegionCode: "320102", Name: "玄武区自然资源和规划局", NameEn: "Xuanwu District Bureau of Natural Resources and Planning"},
	{Code: "320102-WSJK", RegionCode: "320102", Name: "玄武区卫生健康委员会", NameEn: "Xuanwu District Health Commission"},
	{Code: "320102-JTYS", RegionCode: "320102", Name: "玄武区交通运输局", NameEn: "Xuanwu District Transportation Bureau"},

	{Code: "320104-SCJG", RegionCode: "320104", Name: "秦淮区市场监督管理局", NameEn: "Qinhuai District Administration for Market Regulation"},
	{Code: "320104-ZRZY", RegionCode: "320104", Name: "秦淮区自然资源和规划局", NameEn: "Qinhuai District Bureau of Natural Resources and Planning"},
	{Code: "320104-WSJK", RegionCode: "320104", Name: "秦淮区卫生健康委员会", NameEn: "Qinhuai District Health Commission"},
	{Code: "320104-JTYS", RegionCode: "320104", Name: "秦淮区交通运输局", NameEn: "Qinhuai District Transportation Bureau"},
}

// centreSpec is a centre with its windows; a window names the department
// that staffs it by code, since ids are only known once created.
type centreSpec struct {
	centre  org.Centre
	windows []windowSpec
}

type windowSpec struct {
	number, name, department string
}

var centres = []centreSpec{
	{org.Centre{RegionCode: "320000", Name: "江苏政务服务中心", NameEn: "Jiangsu Government Service Centre", Address: "南京市建邺区江东中路"},
		[]windowSpec{
			{"01", "市场监管窗口", "320000-SCJG"},
			{"02", "自然资源窗口", "320000-ZRZY"},
			{"03", "卫生健康窗口", "320000-WSJK"},
		}},
	{org.Centre{RegionCode: "320100", Name: "南京市政务服务中心", NameEn: "Nanjing Government Service Centre", Address: "南京市建邺区江东中路"},
		[]windowSpec{
			{"01", "企业开办窗口", "320100-SCJG"},
			{"02", "不动产登记窗口", "320100-ZRZY"},
			{"03", "卫生许可窗口", "320100-WSJK"},
			{"04", "交通运输窗口", "320100-JTYS"},
		}},
	{org.Centre{RegionCode: "320102", Name: "玄武区政务服务中心", NameEn: "Xuanwu District Government Service Centre", Address: "南京市玄武区"},
		[]windowSpec{
			{"01", "市场监管窗口", "320102-SCJG"},
			{"02", "卫生健康窗口", "320102-WSJK"},
			{"03", "交通运输窗口", "320102-JTYS"},
		}},
	{org.Centre{RegionCode: "320104", Name: "秦淮区政务服务中心", NameEn: "Qinhuai District Government Service Centre", Address: "南京市秦淮区"},
		[]windowSpec{
			{"01", "市场监管窗口", "320104-SCJG"},
			{"02", "自然资源和规划窗口", "320104-ZRZY"},
			{"03", "卫生健康窗口", "320104-WSJK"},
		}},
	// A subdistrict has a 便民服务中心 whose windows are staffed by the
	// district's departments.
	{org.Centre{RegionCode: "320102001", Name: "梅园新村街道便民服务中心", NameEn: "Meiyuan Xincun Subdistrict Citizen Service Centre", Address: "南京市玄武区梅园新村街道"},
		[]windowSpec{
			{"01", "综合受理窗口", "320102-SCJG"},
			{"02", "卫生健康窗口", "320102-WSJK"},
		}},
}

// userSpec is a demo user; staff name their department by code.
type userSpec struct {
	user       org.User
	department string
}

// The resident ID numbers and the credit code carry correct GB 11643 and
// GB 32100 check characters (demo_test.go checks them with ident); they
// belong to nobody.
var users = []userSpec{
	{org.User{Username: "citizen1", Role: org.RoleApplicant, ApplicantKind: org.Citizen, DisplayName: "张伟",
		IDNumber: "320102198503120012", Mobile: "13812345678"}, ""},
	{org.User{Username: "citizen2", Role: org.RoleApplicant, ApplicantKind: org.Citizen, DisplayName: "李娜",
		IDNumber: "320104199007150025", Mobile: "13951234567"}, ""},
	{org.User{Username: "company1", Role: org.RoleApplicant, ApplicantKind: org.Company, DisplayName: "南京示例餐饮管理有限公司",
		CreditCode: "91320102MA1NXW5R05", Mobile: "13770001234"}, ""},
	{org.User{Username: "clerk1", Role: org.RoleClerk, DisplayName: "王芳", Mobile: "13805140001"}, "320102-SCJG"},
	{org.User{Username: "handler1", Role: org.RoleHandler, DisplayName: "刘洋", Mobile: "13805140002"}, "320102-SCJG"},
	{org.User{Username: "reviewer1", Role: org.RoleReviewer, DisplayName: "陈静", Mobile: "13805140003"}, "320102-SCJG"},
	{org.User{Username: "approver1", Role: org.RoleApprover, DisplayName: "杨军", Mobile: "13805140004"}, "320102-SCJG"},
	{org.User{Username: "deptadmin1", Role: org.RoleDeptAdmin, DisplayName: "赵磊", Mobile: "13805140005"}, "320102-SCJG"},
	{org.User{Username: "supervisor1", Role: org.RoleSupervisor, DisplayName: "黄敏", RegionCode: "320100", Mobile: "13905140006"}, ""},
	{org.User{Username: "supervisor2", Role: org.RoleSupervisor, DisplayName: "周涛", RegionCode: "320102", Mobile: "13905140007"}, ""},
	{org.User{Username: "admin", Role: org.RoleSysAdmin, DisplayName: "系统管理员", RegionCode: "320000", Mobile: "13905140008"}, ""},
}
