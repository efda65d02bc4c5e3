// Package catalogtest gives tests of any package a valid approval item whose
// form has a field of every type, to change one thing at a time.
package catalogtest

import "github.com/shenpi/shenpi/internal/catalog"

func ptr(x float64) *float64 { return &x }

// Item returns a valid item of department dept: promised 10 of 20 working
// days, free, two materials, and a form with every field type (the last
// field, "staff", a table).
func Item(code, dept string) catalog.Item {
	return catalog.Item{
		Code: code, Name: "测试事项", NameEn: "Test item", Kind: catalog.KindLicensing, Department: dept,
		LegalBasis: "《中华人民共和国行政许可法》第十二条",
		Conditions: "1. 申请人具有完全民事行为能力；\n2. 经营场所符合卫生要求。",
		Materials: []catalog.Material{
			{Name: "申请书", NameEn: "Application form", Required: true, Form: catalog.FormOriginal, Copies: 1, Electronic: true},
			{Name: "营业执照复印件", Required: false, Form: catalog.FormCopy, Copies: 2, Electronic: false},
		},
		StatutoryDays: 20, PromisedDays: 10, Mode: catalog.ModePromised, Channel: catalog.ChannelPreReview,
		Result: catalog.Result{Kind: catalog.ResultCertificate, Name: "测试许可证", ValidityMonths: 60},
		Where:  "玄武区政务服务中心", Hours: "周一至周五 9:00—17:00", ComplaintPhone: "12345",
		Themes: []catalog.Theme{"market_access"}, Audience: catalog.AudienceBoth,
		Form: catalog.Form{Fields: []catalog.Field{
			{Name: "shop", Type: catalog.FieldText, Label: "店名", LabelEn: "Shop name", Required: true, MinLen: 2, MaxLen: 20},
			{Name: "about", Type: catalog.FieldLongText, Label: "经营范围", LabelEn: "Business scope", MaxLen: 50},
			{Name: "area", Type: catalog.FieldNumber, Label: "面积", LabelEn: "Area", Required: true, Min: ptr(1), Max: ptr(1000)},
			{Name: "staff_count", Type: catalog.FieldNumber, Label: "人数", LabelEn: "Staff", Integer: true},
			{Name: "opening", Type: catalog.FieldDate, Label: "开业日期", LabelEn: "Opening", MinDate: "2020-01-01", MaxDate: "2030-12-31"},
			{Name: "format", Type: catalog.FieldChoice, Label: "业态", LabelEn: "Format", Required: true, Options: []catalog.Option{
				{Value: "retail", Label: "食品销售", LabelEn: "Retail"}, {Value: "catering", Label: "餐饮服务", LabelEn: "Catering"}}},
			{Name: "online", Type: catalog.FieldYesNo, Label: "网络经营", LabelEn: "Online", Required: true},
			{Name: "owner_id", Type: catalog.FieldResidentID, Label: "身份证号码", LabelEn: "ID number", Required: true},
			{Name: "credit", Type: catalog.FieldCreditCode, Label: "统一社会信用代码", LabelEn: "Credit code"},
			{Name: "mobile", Type: catalog.FieldMobile, Label: "手机", LabelEn: "Mobile", Required: true},
			{Name: "region", Type: catalog.FieldRegion, Label: "区划代码", LabelEn: "Region code"},
			{Name: "address", Type: catalog.FieldAddress, Label: "地址", LabelEn: "Address", Required: true},
			{Name: "staff", Type: catalog.FieldTable, Label: "从业人员", LabelEn: "Staff", MinRows: 1, MaxRows: 3, Columns: []catalog.Field{
				{Name: "name", Type: catalog.FieldText, Label: "姓名", LabelEn: "Name", Required: true},
				{Name: "id", Type: catalog.FieldResidentID, Label: "身份证号码", LabelEn: "ID number", Required: true},
			}},
		}},
	}
}

// GoodValues are answers Item's form accepts.
func GoodValues() catalog.Values {
	return catalog.Values{
		"shop": "玄武小馆", "about": "热食类食品制售", "area": "120.5", "staff_count": "8", "opening": "2026-12-01",
		"format": "catering", "online": "no", "owner_id": "11010519491231002x", "credit": "91350100M000100Y43",
		"mobile": "13812345678", "region": "320102", "address": "南京市玄武区北京东路1号",
		"staff.0.name": "张三", "staff.0.id": "11010519491231002X",
	}
}
