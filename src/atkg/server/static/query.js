// The query page of `atkg serve`: run the editor's query, show a table, offer CSV.
const ed=document.getElementById('editor'),out=document.getElementById('results'),
st=document.getElementById('status'),csv=document.getElementById('csv');
function csvHref(){return '/sparql?format=csv&query='+encodeURIComponent(ed.value);}
csv.onclick=()=>{csv.href=csvHref();};
function cell(b){if(!b)return '';const v=b.value;if(b.type==='uri'){
 const local=v.startsWith('https://w3id.org/atkg/id/')?'/doc/'+v.slice(25):v;
 return '<a href="'+local+'">'+v.replace(/&/g,'&amp;').replace(/</g,'&lt;')+'</a>';}
 return v.replace(/&/g,'&amp;').replace(/</g,'&lt;');}
async function run(){st.textContent='running…';out.innerHTML='';const t0=performance.now();
 const r=await fetch('/sparql',{method:'POST',headers:{'Content-Type':'application/x-www-form-urlencoded',
 'Accept':'application/sparql-results+json'},body:'query='+encodeURIComponent(ed.value)});
 if(!r.ok){st.innerHTML='<span class="err">'+r.status+' '+(await r.text())+'</span>';return;}
 const d=await r.json();if('boolean' in d){out.textContent=String(d.boolean);st.textContent='';return;}
 const vars=d.head.vars,rows=d.results.bindings;
 let h='<table><tr>'+vars.map(v=>'<th>'+v+'</th>').join('')+'</tr>';
 for(const b of rows){h+='<tr>'+vars.map(v=>'<td>'+cell(b[v])+'</td>').join('')+'</tr>';}
 out.innerHTML=h+'</table>';
 st.textContent=rows.length+' rows in '+Math.round(performance.now()-t0)+' ms';}
document.getElementById('run').onclick=run;
document.querySelectorAll('#queries a').forEach(a=>a.onclick=(e)=>{e.preventDefault();
 ed.value=LIBRARY[a.dataset.q].text;run();});
