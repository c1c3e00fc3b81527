// Command gengazetteer writes bot/text/gazetteer.txt, the first names and surnames the
// personal-information detector knows, from:
//
//   - the French and English person names of @faker-js/faker (MIT licence,
//     https://github.com/faker-js/faker), dumped to JSON by the node one-liner in the
//     README ("Names the detector knows");
//   - the first names and surnames most common in Québec listed below (ours);
//   - the word lists of Debian's wfrench and wamerican packages, only to mark names
//     that are also ordinary words (« Rose », "Hope"), which are then taken for names
//     only when capitalised.
//
// Usage: go run ./bot/text/internal/gengazetteer FAKER.json > bot/text/gazetteer.txt
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/cssdgs/iagbot/bot/text"
)

// quebecFirst are first names common in Québec, across generations.
var quebecFirst = strings.Fields(`Léa Emma Olivia Alice Florence Charlie Charlotte Livia Rosalie Zoé Béatrice Juliette Mia
Maëlle Clara Jade Lily Éloïse Romy Laurence Victoria Océane Anaïs Maélie Mila Noah William Thomas Liam Jacob Léo
Raphaël Arthur Édouard Nathan Louis Émile Félix Logan Samuel Olivier Charles Gabriel Alexis Zack Jayden Mathis Loïc
Xavier Antoine Benjamin Jérémy Justin Sophie Julie Isabelle Nathalie Mélanie Geneviève Valérie Karine Stéphanie
Annie Chantal Sylvie Josée Manon Lucie Martine Caroline Émilie Catherine Audrey Kim Vanessa Sarah Maude Mégane
Maxime Jonathan Sébastien Patrick Éric Martin Stéphane Mathieu Guillaume Simon Vincent Francis Alexandre Kevin
Steve Dany Jessica Mathilde Laurie Marianne Noémie Ariane Camille Coralie Frédérique Gabrielle Léonie Maïka
Ophélie Sandrine Alexia Aurélie Marie-Ève Marie-Pier Anne-Marie Jean-François Marc-André Pier-Luc Jean-Philippe
Marie-Soleil Marie-Claude Marie-Josée Louis-Philippe Maëva Éléonore Élodie Evelyne Gaby Kassandra Kelly-Ann Lydia
Malik Mohamed Adam Amir Yasmine Inès Sofia Aya Nour Ethan Lucas Hugo Jules Nolan Zachary Théo Éloi Eliott Ryan
Ayden Elliot Emy Flavie Rosalie Maéva Chloé Ève Amélie Josiane Mylène Nancy Line Lyne France Diane Denise Ginette
Réjean Gaétan Sylvain Normand Yvon Luc Denis Marc Michel Pierre Jean Daniel Alain Serge Claude Guy Gilles Richard`)

// quebecSurnames are the surnames most common in Québec, and others common among
// its students.
var quebecSurnames = strings.Fields(`Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier
Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier Fournier
Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin Landry Martel Bédard Grenier Lessard Bernier
Richard Michaud Hébert Desjardins Couture Turcotte Lachance Parent Blais Gosselin Savard Proulx Beaudoin Demers
Perreault Boudreau Lemieux Cyr Perron Dufour Dion Mercier Bolduc Bérubé Boisvert Langlois Ménard Therrien Plante
Bilodeau Blanchette Dubois Champagne Paradis Fontaine Charbonneau Bertrand Lemay Vachon Thériault Vaillancourt
Rousseau Pouliot Lacroix Deschênes Tardif Laplante Ouellette Gingras Gendron Labelle Guay Picard Carrier Brassard
Rioux Lebel Drouin Deschamps Lalonde Doyon Cormier Lambert Chabot Audet Hamel Vallée Brisson Moreau Dumont
Giroux Marcoux Houle Labbé Léger Lavigne Duchesne Gravel Beauchamp Allard Paré Larouche Dionne Fillion Lepage
Labonté Lacasse Bisson Sirois Harvey Auger Lévêque Grégoire Bourque Massé Trudel Lamontagne Laflamme Lafrance
Boivin Goulet Robitaille Tessier Jacques Boily Guérin Veilleux Roberge Vézina Poitras Langevin Ricard Desrosiers
Pépin Ferland Laroche Nguyen Tran Pham Le Singh Patel Kaur Ali Khan Haddad Diallo Traoré Joseph Pierre-Louis
Jean-Baptiste Charles Rodriguez Garcia Lopez Martinez Hernandez Gonzalez Silva Santos Wong Chen Li Wang Zhang
Smith Brown Wilson Taylor Campbell Johnson Williams Jones Miller Davis Lee MacDonald McDonald O'Brien Murphy Kelly
Lafontaine Lévesque-Roy D'Amours Dallaire Fréchette Gauvin Lemire Lacombe Lessard Pilon Vigneault Quirion`)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gengazetteer FAKER.json")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	check(err)
	var faker struct{ First, Last []string }
	check(json.Unmarshal(raw, &faker))
	words := map[string]bool{}
	for _, p := range []string{"/usr/share/dict/french", "/usr/share/dict/american-english"} {
		f, err := os.Open(p)
		check(err)
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := sc.Text()
			if w != "" && unicode.IsLower([]rune(w)[0]) {
				words[strings.TrimSuffix(w, "'s")] = true
			}
		}
		f.Close()
	}
	kinds := map[string]map[byte]bool{}
	ordinary := map[string]bool{}
	add := func(name string, k byte) {
		for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == ' ' || text.IsApostrophe(r) }) {
			f := strings.ToLower(text.LowerNFC(part))
			if len([]rune(f)) < 2 {
				continue
			}
			// An ordinary word as typed, accents included: « léa » is none, "lea" is.
			if words[f] {
				ordinary[f] = true
			}
			if kinds[f] == nil {
				kinds[f] = map[byte]bool{}
			}
			kinds[f][k] = true
		}
	}
	for _, n := range append(faker.First, quebecFirst...) {
		add(n, 'f')
	}
	for _, n := range append(faker.Last, quebecSurnames...) {
		add(n, 's')
	}
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "# First names (f) and surnames (s) the personal-information detector knows, in lower case; w marks")
	fmt.Fprintln(w, "# an ordinary word too. Generated by bot/text/internal/gengazetteer: @faker-js/faker's French")
	fmt.Fprintln(w, "# and English person names (MIT licence) and iagbot's own Québec lists. Do not edit by hand.")
	for _, n := range names {
		tag := ""
		if kinds[n]['f'] {
			tag += "f"
		}
		if kinds[n]['s'] {
			tag += "s"
		}
		if ordinary[n] {
			tag += "w"
		}
		fmt.Fprintf(w, "%s %s\n", n, tag)
	}
	check(w.Flush())
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
