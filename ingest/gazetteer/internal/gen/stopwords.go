package gen

import "strings"

// stopWords are common English words. A name whose key is one of them is
// kept only as a case-sensitive form (an acronym such as "US", "IS" or
// "WHO", or a large city such as "Nice"); see README.md in the data folder.
// The list is hand-written: function words, and the everyday words that
// GeoNames, CountryInfo and the organization lists use as names.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopWordList) {
		m[w] = true
	}
	return m
}()

const stopWordList = `
a about above across after again against ago ahead aid aim air all alliance
almost alone along already also although always am among an and angel
another answer any anything apple are area arm army around art as ask at away
back bad bank bar base basin bass bath bay be bear beat beautiful because bed
been before began begun being bell below belt best better between big bill
bird bit black blue board boat body bond book born both bottom box boy brain
branch bread break brick bridge bright bring broad brown build bush business
but butterfly buy by call came camp can cannon canton cape capital car card
care carry case cast castle cat cause center central centre chain chance
change charge chase chicken chief child church circle city clay clean clear
clock close cloud club coal coast coin cold college come common company
congress control cook cool copper corner cost could council count country
course court cover cow cross crown cry cup cut dale dam dance dark date day
dead deal dear deep deer delta desert did die dire do does dog dollar done
door down downtown draw dream drive drop dry duck during each eagle early earth
east eastern easy eat edge egg eight either else end energy enterprise even
ever every eye face fact fair fall false family far farm fast father fear
federal feet few field fields fifth fight figure fine fire first fish five
flat floor flower fly follow food foot for force forest form fort fortune
forward four free fresh friend from front fruit full fun game garden gas gate
gave get giant gift girl give glass go god goes gold golden good government
grace grand grass gray great green ground group grow guard guardian gulf gun
had hall hand happy harbor harbour hard has hat have he head hear heart heat
heaven help her here high hill him his hit hold hole holiday home hook hope
horn horse hot hour house how humble hundred i ice idea if in independence
independent industry inn interest into iron is island islands it its jack
job join joy jump just keep key kind king kitchen knew know labor labour lake
land large last late later law lead league leaf left leg lend lens less let
letter liberal liberty library lie life light like line lion list little live
lodge long look lord lost lot love low luck lucky machine made magic mail
main major make male man manage many map march mark market marks mass master
match may me mean meet men metro middle might mile mill mind mine miss mission
mobile moment money moon more morning most mother mount mountain mouth move
much music must my name nation national nature navy near need never new news
next nice night nine no noble normal north northeast northern northwest not
note nothing now number oak ocean of off office officer often oil old on once
one only open opportunity or orange order other our out over own pace page
paint palm paradise parade park part party pass past path peace people
perhaps person pick piece pine place plain plan plant play please plunge
point police pool poor pop port post pound power present press pretty price
pride prime prince problem program pull punch put queen question quick quiet
race rain ran range rapid reach read reading ready real record red remember
republic rest retreat rich ride right ring rise river road rock rose round
royal ruby ruse run safe said sail sake sale salt same sand save saw say
school sea season second see seen sell send sent service set settlement seven
several shall shape she shell ship shore short should show side sign silver
simple since sing sir six size sky sleep small snow so society soft soldier
some something son song soon sound south southeast southern southwest space
speak special split spring springs square stand star start state station stay
steel step still stone stop store story street strong study such sugar summer
sun superior supreme surprise table tail take talk tame tank team tell temple
ten than that the their them then there these they thing think third this
those though thought three through thunder tide tiger time tire to today
together told tom too took top tours tower town trade train travel tree trial
true try turn twelve twin two under union unit unity until up upon us use
valley van very victory view village vine vote wait walk wall walnut want war
warm was watch water wave way we wealth wear wedding week well went were west
western what wheel when where which while white who whole why wide wild will
win wind window winter wire wish with within without woman women wonder wood
word work world worms would write yard year yes yet yoga you young your zone
`
