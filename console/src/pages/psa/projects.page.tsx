import { psa } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { Loading } from '../../ui/feedback';
import { money } from '../../ui/money';
import { usePage } from '../../ui/pager';
import { useLoad } from '../../ui/use-load';

type Project = Awaited<ReturnType<typeof psa.projects.list.query>>[number];

function ProjectTable({ projects }: { projects: readonly Project[] }) {
  const { rows, pager } = usePage(projects);
  if (projects.length === 0) return <p>No projects yet: they open when a deal is won.</p>;
  return (
    <>
      <ul>
        {rows.map((project) => (
          <li key={project.id}>
            <strong>{project.name}</strong> · {money(project.value, project.currency)} ·{' '}
            <Link href={`/crm/companies/${project.crmCompanyId}`}>CRM company</Link>
          </li>
        ))}
      </ul>
      {pager}
    </>
  );
}

export function ProjectsPage() {
  const projects = useLoad(() => psa.projects.list.query(), 'projects');
  return (
    <section>
      <h1>Projects</h1>
      <Loading loaded={projects}>{(list) => <ProjectTable projects={list} />}</Loading>
    </section>
  );
}
