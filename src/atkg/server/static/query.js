// The query page of `atkg serve`: run the editor's query, show a table, offer CSV.
const ed=document.getElementById('editor'),out=document.getElementById('results'),
st=document.getElementById('status'),csv=document.getElementById('csv');
function csvHref(){return '/sparql?format=csv&query='+encodeURIComponent(ed.value);}
csv.onclick=()=>{csv.href=csvHref();};
const esc=t=>t.replace(/&/g,'&amp;').replace(/</g,'&lt;').replace(/"/g,'&quot;');
function cell(b){if(!b)return '';const v=b.value;if(b.type==='uri'&&/^https?:/.test(v)){
 const B='https://w3id.org/atkg/',local=v.startsWith(B+'id/')?'/doc/'+v.slice(B.length+3)
  :v.startsWith(B)?'/'+v.slice(B.length):v;
 return '<a href="'+esc(local)+'">'+esc(v)+'</a>';}
 return esc(v);}
async function run(){st.textContent='running…';out.innerHTML='';const t0=performance.now();
 const r=await fetch('/sparql',{method:'POST',headers:{'Content-Type':'application/x-www-form-urlencoded',
 'Accept':'application/sparql-results+json'},body:'query='+encodeURIComponent(ed.value)});
 if(!r.ok){st.innerHTML='<span class="err">'+r.status+' '+esc(await r.text())+'</span>';return;}
 const d=await r.json();if('boolean' in d){out.textContent=String(d.boolean);st.textContent='';return;}
 const vars=d.head.vars,rows=d.results.bindings;
 let h='<table><tr>'+vars.map(v=>'<th>'+esc(v)+'</th>').join('')+'</tr>';
 for(const b of rows){h+='<tr>'+vars.map(v=>'<td>'+cell(b[v])+'</td>').join('')+'</tr>';}
 out.innerHTML=h+'</table>';out.dataset.rows=rows.length;
 st.textContent=rows.length+' rows in '+Math.round(performance.now()-t0)+' ms';}
document.getElementById('run').onclick=run;
document.querySelectorAll('#queries a').forEach(a=>a.onclick=(e)=>{e.preventDefault();
 ed.value=LIBRARY[a.dataset.q].text;run();});
// /query?name=analysis/x or /query?query=SELECT… opens with that query and runs it
const params=new URLSearchParams(location.search);
if(params.get('name')&&LIBRARY[params.get('name')]){ed.value=LIBRARY[params.get('name')].text;run();}
else if(params.get('query')){ed.value=params.get('query');run();}
