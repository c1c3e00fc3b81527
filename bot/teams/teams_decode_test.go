package teams

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// decodeSeeds are activities as Teams sends them, and the corners of JSON and of
// encoding/json's decoding: case-insensitive and escaped keys, duplicate keys merged,
// nulls, wrong types, escapes, surrogates, invalid UTF-8, numbers, nesting, trailing
// data.
var decodeSeeds = []string{
	`{"type":"message","id":"1733140000000123","timestamp":"2026-12-02T10:00:00.000Z","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams","locale":"fr-CA","text":"Puis-je utiliser ChatGPT pour résumer un texte ?","from":{"id":"29:1abc","name":"Marie Tremblay","aadObjectId":"aad-1"},"recipient":{"id":"28:bot","name":"Assistant IAG"},"conversation":{"id":"a:1xyz","conversationType":"personal","tenantId":"t-1"},"channelData":{"tenant":{"id":"t-1"},"settings":{"selectedChannel":{"id":"19:x"}}},"entities":[{"type":"clientInfo","locale":"fr-CA","country":"CA","platform":"Web"}]}`,
	`{"type":"message","text":"<at>Assistant IAG</at>&nbsp;aide","entities":[{"type":"mention","text":"<at>Assistant IAG</at>","mentioned":{"id":"28:bot","name":"Assistant IAG"}}],"conversation":{"isGroup":true,"id":"19:c@thread.tacv2;messageid=1700","conversationType":"channel"}}`,
	`{"type":"invoke","name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"review.approve","data":{"subject":"7","comment":"ok","n":1.5e3,"b":true,"z":null,"l":[1,"a",{}]}},"trigger":"manual"},"replyToId":"x"}`,
	`{"type":"conversationUpdate","membersAdded":[{"id":"28:bot"},{"id":"29:u","name":"U"}],"channelData":{"tenant":{"id":"t"}}}`,
	`{"TYPE":"message","Id":"1","SERVICEURL":"https://x/","from":{"ID":"a","AADOBJECTID":"b"},"\u0074ext":"hi","ſerviceUrl":"https://kelvin/"}`,
	`{"type":"message","from":{"id":"a","name":"n"},"from":{"id":"b"},"entities":[{"type":"x","text":"t"}],"entities":[{"locale":"fr"}],"value":{"a":1},"value":{"b":2},"text":null,"id":"1","id":null}`,
	`{"type":"message","entities":[{"type":"a"},{"type":"b"}],"entities":[{"text":"c"}],"entities":[{},{},{}]}`,
	`{"type":"message","value":null,"entities":null,"membersAdded":[],"channelData":null,"from":null,"conversation":{"isGroup":null}}`,
	`{"type":"m\u00e9\ud83d\ude00\ud800x\udc00\u0000\"\\\/\b\f\n\r\t","text":"a\xffb\xc3","id":"\ud83d\u0041"}`,
	` { "type" : "message" , "n" : [ -0.5e-3 , 0 , 1E+2 , true , false , null , { "a" : [ ] } ] } `,
	`{"type":"message","id":5}`, `{"type":"message","from":"x"}`, `{"type":"message","conversation":{"isGroup":"true"}}`,
	`{"type":"message","value":"x"}`, `{"type":"message","value":[1]}`, `{"type":"message","channelData":{"tenant":{"id":1}}}`,
	`{"type":"message","entities":[{"type":1}]}`, `{"type":"message","membersAdded":{}}`,
	`{"type":"message",}`, `{"type":"message"} x`, `{"type":"message"`, `{"type":"message","n":01}`, `{"type":"message","n":1.}`,
	`{"type":"message","n":-}`, `{"type":"message","s":"a` + "\x01" + `"}`, `{"type":"message","s":"\x"}`, `{"type":"message","s":"\u12"}`,
	`{"type":"message","n":nul}`, `{"type":"message","n":truex}`, `{'type':'message'}`, `[1,2]`, `null`, `"x"`, ``, ` `, `{}`, `{"type":""}`,
	"\ufeff{\"type\":\"message\"}",
}

// TestDecodeDepth: encoding/json's nesting limit, 10 000 arrays and objects, holds.
func TestDecodeDepth(t *testing.T) {
	for _, body := range []string{
		`{"type":"message","deep":` + strings.Repeat("[", 9998) + strings.Repeat("]", 9998) + `}`,
		`{"type":"message","deep":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,
		`{"type":"message","deep":` + strings.Repeat(`{"a":`, 9999) + `1` + strings.Repeat("}", 9999) + `}`,
		`{"type":"message","entities":[` + strings.Repeat("[", 9998) + strings.Repeat("]", 9998) + `]}`,
		`{"type":"message","entities":[{"x":` + strings.Repeat("[", 9997) + strings.Repeat("]", 9997) + `}]}`,
	} {
		var want, got inbound
		werr, gerr := json.Unmarshal([]byte(body), &want), unmarshalInbound([]byte(body), &got)
		if (werr == nil) != (gerr == nil) {
			t.Errorf("%.60s…: error %v, encoding/json's %v", body, gerr, werr)
		}
	}
}

// FuzzDecodeAsEncodingJSON: unmarshalInbound accepts what encoding/json accepts, and
// gives the same activity.
func FuzzDecodeAsEncodingJSON(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var want, got inbound
		werr := json.Unmarshal(body, &want)
		gerr := unmarshalInbound(body, &got)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q: error %v, encoding/json's %v", body, gerr, werr)
		}
		if werr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", body, got, want)
		}
	})
}

// TestDecodeCopiesStrings: the activity keeps nothing of the buffer it was read from,
// which serves the next request once decoded (bodies).
func TestDecodeCopiesStrings(t *testing.T) {
	body := []byte(decodeSeeds[2])
	var in inbound
	if err := unmarshalInbound(body, &in); err != nil {
		t.Fatal(err)
	}
	var want inbound
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatal(err)
	}
	for i := range body {
		body[i] = 'x'
	}
	if !reflect.DeepEqual(in, want) {
		t.Fatalf("the activity changed with its buffer:\n got %+v\nwant %+v", in, want)
	}
}
