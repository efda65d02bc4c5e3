package catalog_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/catalog/catalogtest"
	"github.com/shenpi/shenpi/internal/org/orgtest"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

// Vocabulary for generated items: names, conditions and materials of the
// shape real catalogues have, so posting lists have realistic lengths.
var (
	benchSubjects = []string{"食品", "药品", "医疗器械", "化妆品", "特种设备", "建筑工程", "道路运输", "水路运输", "烟草", "出版物",
		"娱乐场所", "旅馆", "民办学校", "林木采伐", "渔业捕捞", "农作物种子", "兽药", "农药", "危险化学品", "燃气", "供水", "排水",
		"城市道路", "户外广告", "公共场所", "医疗机构", "放射诊疗", "母婴保健", "职业卫生", "人力资源服务", "劳务派遣", "养老机构",
		"殡葬", "社会团体", "民办非企业单位", "文物保护", "电影放映", "网吧", "演出经纪", "旅行社", "导游", "不动产", "建设用地", "乡村建设"}
	benchActions = []string{"经营", "生产", "销售", "零售", "批发", "使用", "运输", "储存", "设立", "施工", "占用", "执业", "从业"}
	benchEnds    = []string{"许可", "登记", "备案", "审批", "核准", "许可证核发", "许可变更", "许可延续", "许可注销", "资格认定"}
	benchConds   = []string{"具有与经营规模相适应的场所和设施", "有专职或者兼职的安全管理人员", "建立健全卫生管理制度",
		"从业人员持有有效健康证明", "符合城乡规划和土地利用总体规划", "依法取得营业执照", "具有完全民事行为能力",
		"无不良信用记录", "车辆技术性能符合国家标准", "有健全的安全生产管理制度", "已取得环境影响评价批复", "消防验收合格"}
	benchMaterials = []string{"申请书", "营业执照复印件", "法定代表人身份证明", "场所平面布局图", "安全管理制度文本",
		"从业人员健康证明", "产权证明或者租赁合同", "检测报告", "授权委托书", "技术人员资格证书", "设备清单", "承诺书"}
	benchQueries = []string{"食品", "卫生许可", "登记", "经营许可", "建设", "运输", "许可变更", "营业执照", "身份证明", "道路",
		"医疗", "食品经营", "特种设备", "健康证明", "旅馆", "执业", "消防验收", "民办学校", "种子", "危险化学品"}
)

func benchItem(r *rand.Rand, i int, dept string) catalog.Item {
	it := catalogtest.Item(fmt.Sprintf("%s-G-%05d", dept, i), dept)
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	it.Name = pick(benchSubjects) + pick(benchActions) + pick(benchEnds)
	it.NameEn = "Generated item " + fmt.Sprint(i)
	var conds []string
	for k := 0; k < 3+r.IntN(4); k++ {
		conds = append(conds, fmt.Sprintf("%d. %s；", k+1, pick(benchConds)))
	}
	it.Conditions = strings.Join(conds, "\n")
	it.Materials = it.Materials[:0]
	for k := 0; k < 3+r.IntN(5); k++ {
		it.Materials = append(it.Materials, catalog.Material{Name: pick(benchSubjects) + pick(benchMaterials), Required: true,
			Form: catalog.FormOriginal, Copies: 1, Electronic: true})
	}
	it.Themes = []catalog.Theme{catalog.Themes[r.IntN(len(catalog.Themes))]}
	it.Audience = catalog.Audiences[r.IntN(len(catalog.Audiences))]
	return it
}

// BenchmarkSearch10k publishes 10,000 generated items on SQLite and runs
// realistic queries; it reports the 50th and 99th percentile latencies of
// Search, each including the generation check against the database.
func BenchmarkSearch10k(b *testing.B) {
	ctx := context.Background()
	db := storetest.SQLite(b)
	f := orgtest.Build(b, db, "x")
	c := catalog.New(db, f.Org, orgtest.Clock)
	r := rand.New(rand.NewPCG(1, 2))
	depts := []string{f.MarketA.Code, f.MarketB.Code}
	for batch := 0; batch < 10; batch++ {
		doc := catalog.Document{Format: catalog.DocumentFormat, Version: catalog.DocumentVersion}
		for i := 0; i < 1000; i++ {
			n := batch*1000 + i
			doc.Items = append(doc.Items, benchItem(r, n, depts[n%2]))
		}
		if _, err := c.Import(ctx, "bench", doc, catalog.ImportOptions{Publish: true}); err != nil {
			b.Fatal(err)
		}
	}
	if hits, err := c.Search(ctx, "食品", catalog.Filter{}, 20); err != nil || len(hits) == 0 { // loads the index
		b.Fatalf("warm-up: %v %v", hits, err)
	}
	latencies := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := benchQueries[i%len(benchQueries)]
		var f catalog.Filter
		if i%5 == 4 {
			f.Audience = catalog.AudienceCitizen
		}
		start := time.Now()
		if _, err := c.Search(ctx, q, f, 20); err != nil {
			b.Fatal(err)
		}
		latencies = append(latencies, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(float64(len(latencies)-1)*p)]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
