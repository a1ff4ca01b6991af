package export

import "strings"

// countryTable maps ISO 3166-1 alpha-2 codes (kg's country attribute) to
// the alpha-3 codes that CAMEO actor country codes follow, the FIPS 10-4
// codes of GDELT's geography fields, and the English names. It is derived
// from GeoNames' countryInfo.txt (CC BY 4.0, https://www.geonames.org/),
// in ../shared/data/geonames, by
//
//	grep -v -e '^#' -e '^$' countryInfo.txt | awk -F'\t' '{sub(/ +$/, "", $5); print $1 "\t" $2 "\t" $4 "\t" $5}'
//
// TestCountryTable checks it against that file when it is present.
const countryTable = `
AD	AND	AN	Andorra
AE	ARE	AE	United Arab Emirates
AF	AFG	AF	Afghanistan
AG	ATG	AC	Antigua and Barbuda
AI	AIA	AV	Anguilla
AL	ALB	AL	Albania
AM	ARM	AM	Armenia
AO	AGO	AO	Angola
AQ	ATA	AY	Antarctica
AR	ARG	AR	Argentina
AS	ASM	AQ	American Samoa
AT	AUT	AU	Austria
AU	AUS	AS	Australia
AW	ABW	AA	Aruba
AX	ALA		Aland Islands
AZ	AZE	AJ	Azerbaijan
BA	BIH	BK	Bosnia and Herzegovina
BB	BRB	BB	Barbados
BD	BGD	BG	Bangladesh
BE	BEL	BE	Belgium
BF	BFA	UV	Burkina Faso
BG	BGR	BU	Bulgaria
BH	BHR	BA	Bahrain
BI	BDI	BY	Burundi
BJ	BEN	BN	Benin
BL	BLM	TB	Saint Barthelemy
BM	BMU	BD	Bermuda
BN	BRN	BX	Brunei
BO	BOL	BL	Bolivia
BQ	BES		Bonaire, Saint Eustatius and Saba
BR	BRA	BR	Brazil
BS	BHS	BF	Bahamas
BT	BTN	BT	Bhutan
BV	BVT	BV	Bouvet Island
BW	BWA	BC	Botswana
BY	BLR	BO	Belarus
BZ	BLZ	BH	Belize
CA	CAN	CA	Canada
CC	CCK	CK	Cocos Islands
CD	COD	CG	Democratic Republic of the Congo
CF	CAF	CT	Central African Republic
CG	COG	CF	Republic of the Congo
CH	CHE	SZ	Switzerland
CI	CIV	IV	Ivory Coast
CK	COK	CW	Cook Islands
CL	CHL	CI	Chile
CM	CMR	CM	Cameroon
CN	CHN	CH	China
CO	COL	CO	Colombia
CR	CRI	CS	Costa Rica
CU	CUB	CU	Cuba
CV	CPV	CV	Cabo Verde
CW	CUW	UC	Curacao
CX	CXR	KT	Christmas Island
CY	CYP	CY	Cyprus
CZ	CZE	EZ	Czechia
DE	DEU	GM	Germany
DJ	DJI	DJ	Djibouti
DK	DNK	DA	Denmark
DM	DMA	DO	Dominica
DO	DOM	DR	Dominican Republic
DZ	DZA	AG	Algeria
EC	ECU	EC	Ecuador
EE	EST	EN	Estonia
EG	EGY	EG	Egypt
EH	ESH	WI	Western Sahara
ER	ERI	ER	Eritrea
ES	ESP	SP	Spain
ET	ETH	ET	Ethiopia
FI	FIN	FI	Finland
FJ	FJI	FJ	Fiji
FK	FLK	FK	Falkland Islands
FM	FSM	FM	Micronesia
FO	FRO	FO	Faroe Islands
FR	FRA	FR	France
GA	GAB	GB	Gabon
GB	GBR	UK	United Kingdom
GD	GRD	GJ	Grenada
GE	GEO	GG	Georgia
GF	GUF	FG	French Guiana
GG	GGY	GK	Guernsey
GH	GHA	GH	Ghana
GI	GIB	GI	Gibraltar
GL	GRL	GL	Greenland
GM	GMB	GA	Gambia
GN	GIN	GV	Guinea
GP	GLP	GP	Guadeloupe
GQ	GNQ	EK	Equatorial Guinea
GR	GRC	GR	Greece
GS	SGS	SX	South Georgia and the South Sandwich Islands
GT	GTM	GT	Guatemala
GU	GUM	GQ	Guam
GW	GNB	PU	Guinea-Bissau
GY	GUY	GY	Guyana
HK	HKG	HK	Hong Kong
HM	HMD	HM	Heard Island and McDonald Islands
HN	HND	HO	Honduras
HR	HRV	HR	Croatia
HT	HTI	HA	Haiti
HU	HUN	HU	Hungary
ID	IDN	ID	Indonesia
IE	IRL	EI	Ireland
IL	ISR	IS	Israel
IM	IMN	IM	Isle of Man
IN	IND	IN	India
IO	IOT	IO	British Indian Ocean Territory
IQ	IRQ	IZ	Iraq
IR	IRN	IR	Iran
IS	ISL	IC	Iceland
IT	ITA	IT	Italy
JE	JEY	JE	Jersey
JM	JAM	JM	Jamaica
JO	JOR	JO	Jordan
JP	JPN	JA	Japan
KE	KEN	KE	Kenya
KG	KGZ	KG	Kyrgyzstan
KH	KHM	CB	Cambodia
KI	KIR	KR	Kiribati
KM	COM	CN	Comoros
KN	KNA	SC	Saint Kitts and Nevis
KP	PRK	KN	North Korea
KR	KOR	KS	South Korea
XK	XKX	KV	Kosovo
KW	KWT	KU	Kuwait
KY	CYM	CJ	Cayman Islands
KZ	KAZ	KZ	Kazakhstan
LA	LAO	LA	Laos
LB	LBN	LE	Lebanon
LC	LCA	ST	Saint Lucia
LI	LIE	LS	Liechtenstein
LK	LKA	CE	Sri Lanka
LR	LBR	LI	Liberia
LS	LSO	LT	Lesotho
LT	LTU	LH	Lithuania
LU	LUX	LU	Luxembourg
LV	LVA	LG	Latvia
LY	LBY	LY	Libya
MA	MAR	MO	Morocco
MC	MCO	MN	Monaco
MD	MDA	MD	Moldova
ME	MNE	MJ	Montenegro
MF	MAF	RN	Saint Martin
MG	MDG	MA	Madagascar
MH	MHL	RM	Marshall Islands
MK	MKD	MK	North Macedonia
ML	MLI	ML	Mali
MM	MMR	BM	Myanmar
MN	MNG	MG	Mongolia
MO	MAC	MC	Macao
MP	MNP	CQ	Northern Mariana Islands
MQ	MTQ	MB	Martinique
MR	MRT	MR	Mauritania
MS	MSR	MH	Montserrat
MT	MLT	MT	Malta
MU	MUS	MP	Mauritius
MV	MDV	MV	Maldives
MW	MWI	MI	Malawi
MX	MEX	MX	Mexico
MY	MYS	MY	Malaysia
MZ	MOZ	MZ	Mozambique
NA	NAM	WA	Namibia
NC	NCL	NC	New Caledonia
NE	NER	NG	Niger
NF	NFK	NF	Norfolk Island
NG	NGA	NI	Nigeria
NI	NIC	NU	Nicaragua
NL	NLD	NL	The Netherlands
NO	NOR	NO	Norway
NP	NPL	NP	Nepal
NR	NRU	NR	Nauru
NU	NIU	NE	Niue
NZ	NZL	NZ	New Zealand
OM	OMN	MU	Oman
PA	PAN	PM	Panama
PE	PER	PE	Peru
PF	PYF	FP	French Polynesia
PG	PNG	PP	Papua New Guinea
PH	PHL	RP	Philippines
PK	PAK	PK	Pakistan
PL	POL	PL	Poland
PM	SPM	SB	Saint Pierre and Miquelon
PN	PCN	PC	Pitcairn
PR	PRI	RQ	Puerto Rico
PS	PSE	WE	Palestinian Territory
PT	PRT	PO	Portugal
PW	PLW	PS	Palau
PY	PRY	PA	Paraguay
QA	QAT	QA	Qatar
RE	REU	RE	Reunion
RO	ROU	RO	Romania
RS	SRB	RI	Serbia
RU	RUS	RS	Russia
RW	RWA	RW	Rwanda
SA	SAU	SA	Saudi Arabia
SB	SLB	BP	Solomon Islands
SC	SYC	SE	Seychelles
SD	SDN	SU	Sudan
SS	SSD	OD	South Sudan
SE	SWE	SW	Sweden
SG	SGP	SN	Singapore
SH	SHN	SH	Saint Helena
SI	SVN	SI	Slovenia
SJ	SJM	SV	Svalbard and Jan Mayen
SK	SVK	LO	Slovakia
SL	SLE	SL	Sierra Leone
SM	SMR	SM	San Marino
SN	SEN	SG	Senegal
SO	SOM	SO	Somalia
SR	SUR	NS	Suriname
ST	STP	TP	Sao Tome and Principe
SV	SLV	ES	El Salvador
SX	SXM	NN	Sint Maarten
SY	SYR	SY	Syria
SZ	SWZ	WZ	Eswatini
TC	TCA	TK	Turks and Caicos Islands
TD	TCD	CD	Chad
TF	ATF	FS	French Southern Territories
TG	TGO	TO	Togo
TH	THA	TH	Thailand
TJ	TJK	TI	Tajikistan
TK	TKL	TL	Tokelau
TL	TLS	TT	Timor Leste
TM	TKM	TX	Turkmenistan
TN	TUN	TS	Tunisia
TO	TON	TN	Tonga
TR	TUR	TU	Turkey
TT	TTO	TD	Trinidad and Tobago
TV	TUV	TV	Tuvalu
TW	TWN	TW	Taiwan
TZ	TZA	TZ	Tanzania
UA	UKR	UP	Ukraine
UG	UGA	UG	Uganda
UM	UMI		United States Minor Outlying Islands
US	USA	US	United States
UY	URY	UY	Uruguay
UZ	UZB	UZ	Uzbekistan
VA	VAT	VT	Vatican
VC	VCT	VC	Saint Vincent and the Grenadines
VE	VEN	VE	Venezuela
VG	VGB	VI	British Virgin Islands
VI	VIR	VQ	U.S. Virgin Islands
VN	VNM	VM	Vietnam
VU	VUT	NH	Vanuatu
WF	WLF	WF	Wallis and Futuna
WS	WSM	WS	Samoa
YE	YEM	YM	Yemen
YT	MYT	MF	Mayotte
ZA	ZAF	SF	South Africa
ZM	ZMB	ZA	Zambia
ZW	ZWE	ZI	Zimbabwe
CS	SCG	YI	Serbia and Montenegro
AN	ANT	NT	Netherlands Antilles
`

type country struct{ iso3, fips, name string }

var countries = func() map[string]country {
	m := map[string]country{}
	for _, line := range strings.Split(countryTable, "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 4 && f[0] != "" {
			m[f[0]] = country{iso3: f[1], fips: f[2], name: f[3]}
		}
	}
	return m
}()
