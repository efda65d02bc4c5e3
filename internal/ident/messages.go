package ident

// Message-catalogue keys of the Problems this package returns.
const (
	keyResidentIDLength = "ident.resident_id.length"
	keyResidentIDChars  = "ident.resident_id.chars"
	keyResidentIDBirth  = "ident.resident_id.birth"
	keyResidentIDCheck  = "ident.resident_id.check"
	keyCreditCodeLength = "ident.credit_code.length"
	keyCreditCodeChars  = "ident.credit_code.chars"
	keyCreditCodeCheck  = "ident.credit_code.check"
	keyMobileFormat     = "ident.mobile.format"
	keyRegionCodeFormat = "ident.region_code.format"
)

// Messages holds, for every Problem key, its text in Simplified Chinese
// (index 0) and English (index 1).
var Messages = map[string][2]string{
	keyResidentIDLength: {
		"身份证号码应为18位",
		"A resident ID number has 18 characters.",
	},
	keyResidentIDChars: {
		"身份证号码前17位应为数字，最后一位应为数字或字母X",
		"The first 17 characters of a resident ID number must be digits and the last a digit or the letter X.",
	},
	keyResidentIDBirth: {
		"身份证号码中的出生日期不正确",
		"The date of birth in the resident ID number is not a valid date.",
	},
	keyResidentIDCheck: {
		"身份证号码校验位不正确，请核对后重新输入",
		"The check character of the resident ID number is wrong; please check the number and enter it again.",
	},
	keyCreditCodeLength: {
		"统一社会信用代码应为18位",
		"A unified social credit code has 18 characters.",
	},
	keyCreditCodeChars: {
		"统一社会信用代码含有无效字符（只能使用数字和除I、O、Z、S、V以外的大写字母，第3至8位应为数字）",
		"A unified social credit code uses only digits and capital letters other than I, O, Z, S and V, and its characters 3 to 8 are digits.",
	},
	keyCreditCodeCheck: {
		"统一社会信用代码校验码不正确，请核对后重新输入",
		"The check character of the unified social credit code is wrong; please check the code and enter it again.",
	},
	keyMobileFormat: {
		"手机号码格式不正确，应为以1开头的11位数字",
		"A mobile number has 11 digits and starts with 1.",
	},
	keyRegionCodeFormat: {
		"行政区划代码格式不正确，应为6位或9位数字",
		"An administrative region code has 6 or 9 digits and starts with a valid province code.",
	},
}
