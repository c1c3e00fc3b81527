package inventory

import "gopkg.in/yaml.v3"

var (
	useFields = []string{"id", "label", "keywords", "automated_decision", "media", "disclosure"}
	sysFields = []string{"id", "name", "aliases", "kind", "open", "specialized", "vendor", "hosting",
		"status", "status_reason", "efvp", "permitted", "restricted", "forbidden", "effective"}
)

func (p *parser) use(path string, n *yaml.Node) Use {
	var u Use
	p.fields(path, n, useFields, func(key string, v *yaml.Node) {
		fp := path + "." + key
		switch key {
		case "id":
			u.ID = p.str(fp, v)
		case "label":
			u.Label = p.text(fp, v)
		case "keywords":
			p.fields(fp, v, []string{"fr", "en"}, func(lang string, kv *yaml.Node) {
				if lang == "fr" {
					u.Keywords.FR = p.strs(fp+".fr", kv)
				} else {
					u.Keywords.EN = p.strs(fp+".en", kv)
				}
			})
		case "automated_decision":
			u.AutomatedDecision = p.boolean(fp, v)
		case "media":
			u.Media = p.boolean(fp, v)
		case "disclosure":
			u.Disclosure = p.text(fp, v)
		}
	})
	return u
}

func (p *parser) system(path string, n *yaml.Node) System {
	var s System
	p.fields(path, n, sysFields, func(key string, v *yaml.Node) {
		fp := path + "." + key
		switch key {
		case "id":
			s.ID = p.str(fp, v)
		case "name":
			s.Name = p.str(fp, v)
		case "aliases":
			s.Aliases = p.strs(fp, v)
		case "kind":
			s.Kind = Kind(p.str(fp, v))
		case "open":
			s.Open = p.optBool(fp, v)
		case "specialized":
			s.Specialized = p.optBool(fp, v)
		case "vendor":
			s.Vendor = p.str(fp, v)
		case "hosting":
			s.Hosting = Hosting(p.str(fp, v))
		case "status":
			s.Status = Status(p.str(fp, v))
		case "status_reason":
			s.StatusReason = p.str(fp, v)
		case "efvp":
			p.fields(fp, v, []string{"done", "next_review", "planned"}, func(k string, dv *yaml.Node) {
				switch k {
				case "done":
					s.EFVP.Done = p.date(fp+".done", dv)
				case "planned":
					s.EFVP.Planned = p.date(fp+".planned", dv)
				default:
					s.EFVP.NextReview = p.date(fp+".next_review", dv)
				}
			})
		case "effective":
			p.seq(fp, v, func(ip string, item *yaml.Node) {
				var e Effective
				p.fields(ip, item, []string{"use", "from", "training_by"}, func(k string, ev *yaml.Node) {
					switch k {
					case "use":
						e.Use = p.str(ip+".use", ev)
					case "from":
						e.From = p.date(ip+".from", ev)
					default:
						e.TrainingBy = p.date(ip+".training_by", ev)
					}
				})
				if e.Use != "" {
					s.Effective = append(s.Effective, e)
				}
			})
		case "permitted":
			s.Permitted = p.strs(fp, v)
		case "forbidden":
			s.Forbidden = p.strs(fp, v)
		case "restricted":
			p.seq(fp, v, func(ip string, item *yaml.Node) {
				var r Restriction
				got := p.fields(ip, item, []string{"use", "conditions"}, func(k string, rv *yaml.Node) {
					if k == "use" {
						r.Use = p.str(ip+".use", rv)
					} else {
						r.Conditions = p.text(ip+".conditions", rv)
					}
				})
				if len(got) > 0 || item.Kind == yaml.MappingNode {
					s.Restricted = append(s.Restricted, r)
				}
			})
		}
	})
	return s
}
